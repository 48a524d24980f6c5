namespace Personalization.Engine.Model;

/// <summary>
/// A learner checkpoint's header: the observations its state learned, the bucket count its keys are spread over, when
/// it was taken, whether its writer closed (its last checkpoint), and the delivery ledger of that instant.
/// </summary>
internal sealed record CheckpointHeader(long Observations, int Buckets, long NowMs, bool Closing, IReadOnlyList<(ulong Sender, long Sequence)> Ledger);
