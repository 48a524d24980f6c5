namespace Personalization.Abstractions.Blend;

/// <summary>Ask a Blend for its shared queue: how many tracks (1..MaxRecommendations).</summary>
[GenerateSerializer, Immutable, Alias("pzn.BlendRequest.v1")]
public sealed record BlendRequest(
    [property: Id(0)] int Count = 20);
