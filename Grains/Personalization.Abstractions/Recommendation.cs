namespace Personalization.Abstractions;

/// <summary>
/// One recommended track with its score, a human-readable reason ("after t42", "artist you like", "trending"), the
/// reason's code and the track or artist it refers to; its position in the list (0 = first), the probability that the
/// serving policy put it there given the items above it (1 without exploration), whether exploration placed it, and
/// whether it is a repeat (the listener completed it earlier in the current session).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.Recommendation.v1")]
public sealed record Recommendation(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string? ArtistId,
    [property: Id(2)] double Score,
    [property: Id(3)] string Reason,
    [property: Id(4)] string ReasonCode,
    [property: Id(5)] string? Because,
    [property: Id(6)] int Position = 0,
    [property: Id(7)] double Propensity = 1,
    [property: Id(8)] bool Explored = false,
    [property: Id(9)] bool Repeat = false);
