namespace Personalization.Abstractions.Model;

/// <summary>A track of the model's trending list (heaviest first) with its artist (null when the model has not seen it) and weight.</summary>
[GenerateSerializer, Immutable, Alias("pzn.TrendingTrack.v1")]
public sealed record TrendingTrack(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string? ArtistId,
    [property: Id(2)] double Weight);
