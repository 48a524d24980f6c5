namespace Personalization.Abstractions;

/// <summary>
/// How the lists served to a listener fared (lifetime). Outcomes are attributed to the newest served list (within
/// the attribution window, 24 h by default) whose first items held the track; each outcome counts once per served item.
/// <see cref="Reward"/> sums the items' rewards: 1 completed, saved or liked; 0.5 started only; 0 skipped early,
/// disliked or never played. <see cref="ListsReturned"/>: lists after which the listener came back (a new session more
/// than the session gap and less than the attribution window later).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.RewardSummary.v1")]
public sealed record RewardSummary(
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
    [property: Id(10)] double RewardPerList,
    [property: Id(11)] IReadOnlyList<SourceReward> BySource);
