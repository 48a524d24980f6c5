namespace Personalization.Abstractions.Blend;

/// <summary>
/// Ask a Blend for its shared queue: how many tracks (1..MaxRecommendations), and the catalogue rules of
/// <see cref="RecommendRequest"/> (<see cref="Market"/>, <see cref="Explicit"/> = false) applied to every member's candidates.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.BlendRequest.v1")]
public sealed record BlendRequest(
    [property: Id(0)] int Count = 20,
    [property: Id(1)] string? Market = null,
    [property: Id(2)] bool? Explicit = null);
