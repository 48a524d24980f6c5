namespace Personalization.Journal;

/// <summary>One user's append: consecutive entries starting at <see cref="FirstSequence"/>, each event in its stored JSON form.</summary>
[GenerateSerializer, Immutable, Alias("pzn.JournalAppendRecord.v1")]
public sealed record JournalAppendRecord(
    [property: Id(0)] string UserId,
    [property: Id(1)] long FirstSequence,
    [property: Id(2)] string[] Events);
