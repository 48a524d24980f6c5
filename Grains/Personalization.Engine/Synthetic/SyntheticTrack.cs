namespace Personalization.Engine.Synthetic;

/// <summary>A track of the synthetic catalog: its artist (index), position on the artist's album, duration and popularity.</summary>
public sealed record SyntheticTrack(int Index, string Id, int Artist, int AlbumPosition, int DurationMs, double Popularity);
