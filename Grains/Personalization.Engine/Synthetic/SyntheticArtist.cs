namespace Personalization.Engine.Synthetic;

/// <summary>
/// An artist of the synthetic catalog: its genre, relative popularity inside the genre, the fixed similar artists
/// (same genre, indexes into <see cref="SyntheticCatalog.Artists"/>) and its tracks in album order.
/// </summary>
public sealed record SyntheticArtist(
    int Index,
    string Id,
    int Genre,
    double Popularity,
    IReadOnlyList<int> Similar,
    IReadOnlyList<int> Tracks);
