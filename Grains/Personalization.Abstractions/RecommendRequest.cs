namespace Personalization.Abstractions;

/// <summary>
/// Ask for the next tracks: how many (1..100), track ids never to return (e.g. those already queued), and optionally
/// the moment to recommend for (defaults to now; replays of historical data pass the event's time so that sessions are
/// judged in event time). Catalogue rules: <see cref="Market"/> (ISO 3166-1 alpha-2) returns only tracks the catalogue
/// makes playable there; <see cref="Explicit"/> = false returns no track the catalogue marks explicit (either rule
/// leaves out tracks the catalogue does not know); <see cref="Seed"/> starts a radio from one track ("more like this").
/// Taken-down tracks are never returned. The rules are applied before the cut to <see cref="Count"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.RecommendRequest.v1")]
public sealed record RecommendRequest(
    [property: Id(0)] int Count = 10,
    [property: Id(1)] IReadOnlyList<string>? Exclude = null,
    [property: Id(2)] DateTimeOffset? At = null,
    [property: Id(3)] string? Market = null,
    [property: Id(4)] bool? Explicit = null,
    [property: Id(5)] string? Seed = null);
