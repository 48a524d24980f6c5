namespace Personalization.Engine.Synthetic;

/// <summary>A synthetic track's catalogue facts: markets (ISO codes, or "all"), explicit flag, album, duration and release date.</summary>
public sealed record SyntheticCatalogEntry(
    string TrackId, string ArtistId, string ArtistName, IReadOnlyList<string> Markets, bool Explicit, string Album, int DurationMs, DateOnly ReleaseDate, string Genre);
