namespace Personalization.Abstractions;

/// <summary>The current (or last) session: when it started and last saw an event, whether it is still active, its tracks and skip streak.</summary>
[GenerateSerializer, Immutable, Alias("pzn.SessionSummary.v1")]
public sealed record SessionSummary(
    [property: Id(0)] DateTimeOffset? StartedAt,
    [property: Id(1)] DateTimeOffset? LastEventAt,
    [property: Id(2)] bool Active,
    [property: Id(3)] IReadOnlyList<SessionTrack> Tracks,
    [property: Id(4)] int SkipStreak);
