namespace Personalization.Abstractions;

/// <summary>What the system knows of a listener's taste right now, and how the lists served to it fared (<see cref="Rewards"/>).</summary>
[GenerateSerializer, Immutable, Alias("pzn.UserProfile.v1")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<WeightedId> TopArtists,
    [property: Id(2)] IReadOnlyList<WeightedId> TopTracks,
    [property: Id(3)] SessionSummary Session,
    [property: Id(4)] ProfileCounters Counters,
    [property: Id(5)] IReadOnlyList<string> DislikedArtists,
    [property: Id(6)] IReadOnlyList<string> BlockedTracks,
    [property: Id(7)] long Sequence,
    [property: Id(8)] RewardSummary? Rewards = null);
