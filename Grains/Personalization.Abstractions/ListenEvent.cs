namespace Personalization.Abstractions;

/// <summary>
/// One listening event of the user whose grain receives it. <see cref="EventId"/> is chosen by the client and makes a
/// retry idempotent. <see cref="PositionMs"/> (how far playback got) and <see cref="DurationMs"/> matter for skips;
/// <see cref="Timestamp"/> is when it happened, in UTC.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ListenEvent.v1")]
public sealed record ListenEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string TrackId,
    [property: Id(2)] string ArtistId,
    [property: Id(3)] EventKind Kind,
    [property: Id(4)] DateTimeOffset Timestamp,
    [property: Id(5)] int? PositionMs = null,
    [property: Id(6)] int? DurationMs = null,
    [property: Id(7)] ListenContext? Context = null);
