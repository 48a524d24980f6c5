namespace Personalization.Grains.State;

/// <summary>Stored form of a listener's reward statistics (per-source arrays indexed by the engine's stable <c>ReasonKind</c> values).</summary>
[GenerateSerializer, Immutable, Alias("pzn.RewardsRecord.v1")]
public sealed record RewardsRecord(
    [property: Id(0)] long ListsServed,
    [property: Id(1)] long ItemsServed,
    [property: Id(2)] long Started,
    [property: Id(3)] long Completed,
    [property: Id(4)] long SkippedEarly,
    [property: Id(5)] long Saved,
    [property: Id(6)] long Liked,
    [property: Id(7)] long Disliked,
    [property: Id(8)] long ListsReturned,
    [property: Id(9)] double Reward,
    [property: Id(10)] long[] ServedBySource,
    [property: Id(11)] double[] RewardBySource);
