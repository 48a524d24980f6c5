namespace Personalization.Journal;

/// <summary>What a journal partition writer holds, once the deletes it had started have finished.</summary>
[GenerateSerializer, Immutable, Alias("pzn.JournalPartitionStatus.v1")]
public sealed record JournalPartitionStatus(
    [property: Id(0)] long HighestSegment,
    [property: Id(1)] int StoredSegments,
    [property: Id(2)] long UncoveredEntries,
    [property: Id(3)] int KnownUsers);
