namespace Personalization.Abstractions;

/// <summary>Lifetime counts of a listener's events.</summary>
[GenerateSerializer, Immutable, Alias("pzn.ProfileCounters.v1")]
public sealed record ProfileCounters(
    [property: Id(0)] long Events,
    [property: Id(1)] long Plays,
    [property: Id(2)] long Completes,
    [property: Id(3)] long Skips,
    [property: Id(4)] long EarlySkips,
    [property: Id(5)] long Likes,
    [property: Id(6)] long Dislikes,
    [property: Id(7)] long Saves,
    [property: Id(8)] long Duplicates,
    [property: Id(9)] long Sessions);
