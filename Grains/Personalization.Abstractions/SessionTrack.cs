namespace Personalization.Abstractions;

/// <summary>A track of the current session and what became of it: played, completed, skipped (early or late), liked, saved, disliked.</summary>
[GenerateSerializer, Immutable, Alias("pzn.SessionTrack.v1")]
public sealed record SessionTrack(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Outcome);
