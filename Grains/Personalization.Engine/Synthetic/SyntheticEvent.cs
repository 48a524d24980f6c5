namespace Personalization.Engine.Synthetic;

/// <summary>
/// One synthetic listening signal. <see cref="EventId"/> is unique and stable for given options; a play carries
/// position 0, a completion the full duration, a skip the position it happened at.
/// </summary>
public sealed record SyntheticEvent(
    string UserId,
    string SessionId,
    string EventId,
    string TrackId,
    string ArtistId,
    SignalKind Kind,
    DateTimeOffset Timestamp,
    int PositionMs,
    int DurationMs,
    string Source);
