namespace Personalization.Engine;

/// <summary>
/// One step of listening: a track and what became of it. A completion, skip or feedback on the track that is playing
/// updates its step instead of adding a new one, so the session reads as "tracks with outcomes".
/// </summary>
public readonly record struct HistoryEntry(int Track, int Artist, long TimeMs, SignalKind Kind, StepFlags Flags)
{
    public bool EarlySkipped => (Flags & StepFlags.EarlySkip) != 0;

    /// <summary>A listening step (play, completion, skip) rather than feedback on a track that was not playing.</summary>
    public bool IsListen => Kind is SignalKind.Play or SignalKind.Complete or SignalKind.Skip;
}
