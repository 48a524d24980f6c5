namespace Personalization.Abstractions;

/// <summary>
/// Ask for the next tracks: how many (1..100), track ids never to return, and optionally the moment to recommend for
/// (defaults to now; replays of historical data pass the event's time so that sessions are judged in event time).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.RecommendRequest.v1")]
public sealed record RecommendRequest(
    [property: Id(0)] int Count = 10,
    [property: Id(1)] IReadOnlyList<string>? Exclude = null,
    [property: Id(2)] DateTimeOffset? At = null);
