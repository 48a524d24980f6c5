namespace Personalization.Abstractions.Journal;

/// <summary>A user's committed entries after a sequence: <see cref="Sequences"/>[i] holds <see cref="Events"/>[i] (stored JSON), ascending.</summary>
[GenerateSerializer, Immutable, Alias("pzn.JournalTailRecord.v1")]
public sealed record JournalTailRecord(
    [property: Id(0)] long[] Sequences,
    [property: Id(1)] string[] Events);
