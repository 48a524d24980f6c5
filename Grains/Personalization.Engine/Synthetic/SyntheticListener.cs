namespace Personalization.Engine.Synthetic;

/// <summary>
/// A listener and their latent taste: favourite genres and artists (indexes, strongest first). The generator makes
/// them complete in-taste tracks and skip the rest, so tests can check that recommendations follow this taste.
/// </summary>
public sealed record SyntheticListener(int Index, string UserId, IReadOnlyList<int> FavoriteGenres, IReadOnlyList<int> FavoriteArtists)
{
    public bool LovesArtist(int artist) => FavoriteArtists.Contains(artist);

    public bool LikesGenre(int genre) => FavoriteGenres.Contains(genre);
}
