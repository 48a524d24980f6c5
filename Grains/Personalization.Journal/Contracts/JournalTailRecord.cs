namespace Personalization.Journal;

/// <summary>
/// A user's committed entries after a sequence: <see cref="Sequences"/>[i] holds <see cref="Events"/>[i] (stored JSON),
/// ascending. <see cref="CoveredThrough"/> is how far the user's snapshots are known to cover the log: when it is beyond
/// the sequence asked for, the asker read an older snapshot than the one already written (it must read it again).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.JournalTailRecord.v1")]
public sealed record JournalTailRecord(
    [property: Id(0)] long[] Sequences,
    [property: Id(1)] string[] Events,
    [property: Id(2)] long CoveredThrough);
