namespace Personalization.Engine.Discovery;

/// <summary>Why a track is in a listener's discovery list (the source that contributed most).</summary>
public enum DiscoveryReason : byte
{
    /// <summary>Listeners who played a track the listener likes went on to this one (anchor = that track).</summary>
    ListenersWentOn = 0,

    /// <summary>By an artist whose tracks follow a favourite artist's (anchor = the favourite artist).</summary>
    NearArtist = 1,

    /// <summary>A track the listener has not heard by a favourite artist (anchor = the artist).</summary>
    UnheardByFavorite = 2,
}
