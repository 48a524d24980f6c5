namespace Personalization.Abstractions;

/// <summary>A ranked list, best first, with an id so that later outcomes can be attributed to it.</summary>
[GenerateSerializer, Immutable, Alias("pzn.RecommendationList.v1")]
public sealed record RecommendationList(
    [property: Id(0)] string ListId,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] IReadOnlyList<Recommendation> Items);
