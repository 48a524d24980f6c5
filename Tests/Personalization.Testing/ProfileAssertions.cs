using Personalization.Abstractions;

namespace Personalization.Testing;

/// <summary>Assertions on a listener's profile.</summary>
public static class ProfileAssertions
{
    public static void ShouldHaveTopArtist(this UserProfile profile, string artistId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var top = profile.TopArtists.Count > 0 ? profile.TopArtists[0].Id : null;
        if (top != artistId)
        {
            KitAssertionException.Throw($"Expected top artist {artistId}, got {top ?? "(none)"}; top artists: {string.Join(", ", profile.TopArtists.Select(a => $"{a.Id}={a.Weight}"))}");
        }
    }

    public static void ShouldDislikeArtist(this UserProfile profile, string artistId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.DislikedArtists.Contains(artistId)) KitAssertionException.Throw($"Expected {artistId} among disliked artists: [{string.Join(", ", profile.DislikedArtists)}]");
    }

    public static void ShouldBeInSessionOf(this UserProfile profile, int tracks)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Session.Tracks.Count != tracks)
        {
            KitAssertionException.Throw($"Expected a session of {tracks} tracks, got {profile.Session.Tracks.Count}: {string.Join(", ", profile.Session.Tracks.Select(t => $"{t.TrackId}:{t.Outcome}"))}");
        }
    }
}
