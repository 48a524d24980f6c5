namespace Personalization.Abstractions;

/// <summary>Items served from one candidate source (its reason code, e.g. <c>after-track</c>) and the reward they earned.</summary>
[GenerateSerializer, Immutable, Alias("pzn.SourceReward.v1")]
public sealed record SourceReward(
    [property: Id(0)] string Source,
    [property: Id(1)] long Served,
    [property: Id(2)] double Reward);
