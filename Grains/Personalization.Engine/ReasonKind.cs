namespace Personalization.Engine;

/// <summary>Why a track was recommended: the candidate source that contributed most to its score.</summary>
public enum ReasonKind : byte
{
    /// <summary>Listeners played it after a track of the current session (anchor = that track).</summary>
    AfterTrack = 0,

    /// <summary>By an artist of the current session (anchor = the artist).</summary>
    SessionArtist = 1,

    /// <summary>By an artist the listener likes (anchor = the artist).</summary>
    FavoriteArtist = 2,

    /// <summary>A track the listener played and liked before (anchor = the track).</summary>
    FromHistory = 3,

    /// <summary>Trending across all listeners.</summary>
    Trending = 4,

    /// <summary>A fill when the sources above give fewer tracks than asked: played most across listeners over a long memory.</summary>
    Popular = 5,

    /// <summary>A fill after <see cref="Popular"/>: a track from the listener's own history (anchor = the track).</summary>
    RecentlyPlayed = 6,

    /// <summary>A recent release (by the catalogue's release date) of an artist the listener likes, before it has plays (anchor = the artist).</summary>
    NewRelease = 7,
}
