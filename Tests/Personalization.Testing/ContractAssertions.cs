using Personalization.Abstractions;
using Personalization.Abstractions.Blend;

namespace Personalization.Testing;

/// <summary>
/// The listener-facing contract (docs/listener-contract.md) as assertions: what a listener can rely on in a session,
/// whatever the model has learned. Failures print the whole list.
/// </summary>
public static class ContractAssertions
{
    /// <summary>None of <paramref name="trackIds"/> anywhere in the list (e.g. the session's early-skipped tracks).</summary>
    public static void ShouldNotContainTracks(this RecommendationList list, params string[] trackIds)
    {
        ArgumentNullException.ThrowIfNull(list);
        var banned = trackIds.ToHashSet(StringComparer.Ordinal);
        var offending = list.Items.Select((r, i) => (r, i)).Where(x => banned.Contains(x.r.TrackId)).ToList();
        if (offending.Count > 0)
        {
            KitAssertionException.Throw($"Expected none of {string.Join(", ", banned)}, got {string.Join(", ", offending.Select(x => $"{x.r.TrackId} at #{x.i + 1}"))}: {RecommendationAssertions.Describe(list)}");
        }
    }

    /// <summary><paramref name="trackId"/> is not among the first <paramref name="top"/> items (it may come later).</summary>
    public static void ShouldNotContainTrackWithinTop(this RecommendationList list, string trackId, int top)
    {
        ArgumentNullException.ThrowIfNull(list);
        var position = list.Items.Take(top).Select(r => r.TrackId).ToList().IndexOf(trackId);
        if (position >= 0) KitAssertionException.Throw($"Expected {trackId} not within the top {top}, got it at #{position + 1}: {RecommendationAssertions.Describe(list)}");
    }

    /// <summary>At most <paramref name="max"/> of the first <paramref name="top"/> items are by <paramref name="artistId"/>.</summary>
    public static void ShouldHaveAtMostByArtistWithinTop(this RecommendationList list, string artistId, int max, int top)
    {
        ArgumentNullException.ThrowIfNull(list);
        var count = list.Items.Take(top).Count(r => r.ArtistId == artistId);
        if (count > max) KitAssertionException.Throw($"Expected at most {max} tracks by {artistId} within the top {top}, got {count}: {RecommendationAssertions.Describe(list)}");
    }

    /// <summary>No item of the Blend queue is by one of <paramref name="artistIds"/>.</summary>
    public static void ShouldNotContainArtists(this BlendQueue queue, params string[] artistIds)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var banned = artistIds.ToHashSet(StringComparer.Ordinal);
        var offending = queue.Items.Where(i => i.ArtistId is not null && banned.Contains(i.ArtistId)).Select(i => i.TrackId).ToList();
        if (offending.Count > 0) KitAssertionException.Throw($"Expected no track by {string.Join(", ", banned)}, got {string.Join(", ", offending)}. {BlendAssertions.Describe(queue)}");
    }

    /// <summary>
    /// Repeats are labelled: an item is marked <see cref="Recommendation.Repeat"/> exactly when its track is one of
    /// <paramref name="completedInSession"/>; and at least one such repeat is served (repeats are allowed).
    /// </summary>
    public static void ShouldLabelRepeatsOf(this RecommendationList list, params string[] completedInSession)
    {
        ArgumentNullException.ThrowIfNull(list);
        var completed = completedInSession.ToHashSet(StringComparer.Ordinal);
        var wrong = list.Items.Where(r => r.Repeat != completed.Contains(r.TrackId)).Select(r => $"{r.TrackId} (repeat={r.Repeat})").ToList();
        if (wrong.Count > 0) KitAssertionException.Throw($"Repeat labels wrong for {string.Join(", ", wrong)}; completed in the session: {string.Join(", ", completed)}. {RecommendationAssertions.Describe(list)}");
        if (!list.Items.Any(r => r.Repeat)) KitAssertionException.Throw($"Expected a labelled repeat of one of {string.Join(", ", completed)}: {RecommendationAssertions.Describe(list)}");
    }
}
