using Personalization.Abstractions;

namespace Personalization.Testing;

/// <summary>Assertions on recommendation lists that read like the product's rules; failures print the whole list.</summary>
public static class RecommendationAssertions
{
    public static void ShouldContainArtistWithinTop(this RecommendationList list, string artistId, int top)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (!list.Items.Take(top).Any(r => r.ArtistId == artistId))
        {
            KitAssertionException.Throw($"Expected a track by {artistId} within the top {top}, got: {Describe(list)}");
        }
    }

    public static void ShouldContainTrackWithinTop(this RecommendationList list, string trackId, int top)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (!list.Items.Take(top).Any(r => r.TrackId == trackId))
        {
            KitAssertionException.Throw($"Expected {trackId} within the top {top}, got: {Describe(list)}");
        }
    }

    public static void ShouldNotRecommendArtists(this RecommendationList list, IEnumerable<string> artistIds)
    {
        ArgumentNullException.ThrowIfNull(list);
        var banned = artistIds.ToHashSet(StringComparer.Ordinal);
        var offending = list.Items.Where(r => r.ArtistId is not null && banned.Contains(r.ArtistId)).ToList();
        if (offending.Count > 0)
        {
            KitAssertionException.Throw($"Expected no track by {string.Join(", ", banned)}, got {string.Join(", ", offending.Select(r => r.TrackId))} in: {Describe(list)}");
        }
    }

    /// <summary>No track by an artist the profile lists as disliked, and no blocked (disliked) track.</summary>
    public static void ShouldRespectDislikes(this RecommendationList list, UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(profile);
        list.ShouldNotRecommendArtists(profile.DislikedArtists);
        var blocked = list.Items.Where(r => profile.BlockedTracks.Contains(r.TrackId)).ToList();
        if (blocked.Count > 0) KitAssertionException.Throw($"Disliked tracks were recommended: {string.Join(", ", blocked.Select(r => r.TrackId))}");
    }

    public static void ShouldGiveReason(this RecommendationList list, string trackId, string reasonCode)
    {
        ArgumentNullException.ThrowIfNull(list);
        var item = list.Items.FirstOrDefault(r => r.TrackId == trackId);
        if (item is null) KitAssertionException.Throw($"{trackId} is not recommended: {Describe(list)}");
        if (item.ReasonCode != reasonCode) KitAssertionException.Throw($"{trackId} has reason '{item.ReasonCode}' ({item.Reason}), expected '{reasonCode}'.");
    }

    public static string Describe(RecommendationList list) =>
        string.Join("; ", list.Items.Select((r, i) => $"#{i + 1} {r.TrackId} by {r.ArtistId} {r.Score:F3} ({r.Reason})"));
}
