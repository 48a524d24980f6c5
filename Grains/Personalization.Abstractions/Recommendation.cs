namespace Personalization.Abstractions;

/// <summary>
/// One recommended track with its score, a human-readable reason ("after t42", "artist you like", "trending"), the
/// reason's code and the track or artist it refers to.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.Recommendation.v1")]
public sealed record Recommendation(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string? ArtistId,
    [property: Id(2)] double Score,
    [property: Id(3)] string Reason,
    [property: Id(4)] string ReasonCode,
    [property: Id(5)] string? Because);
