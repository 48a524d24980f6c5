using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Abstractions.Catalog;

namespace Personalization.Testing;

/// <summary>Assertions on lists against the catalogue the test wrote (<see cref="ClusterCatalog"/>); failures print the list.</summary>
public static class CatalogAssertions
{
    /// <summary>Every track is one the catalogue makes playable in <paramref name="market"/> (and is not taken down).</summary>
    public static void ShouldOnlyContainPlayableIn(this RecommendationList list, string market, ClusterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(list);
        Check(list.Items.Select(r => r.TrackId), t => PlayableIn(catalog, t, market), $"playable in {market}", Describe(list.Items.Select(r => r.TrackId)));
    }

    /// <summary>No track the catalogue marks explicit, and none it does not know.</summary>
    public static void ShouldContainNoExplicitTracks(this RecommendationList list, ClusterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(catalog);
        Check(list.Items.Select(r => r.TrackId), t => catalog.Written.GetValueOrDefault(t) is { Explicit: false }, "known and not explicit", Describe(list.Items.Select(r => r.TrackId)));
    }

    /// <summary>A Blend queue: every track playable in <paramref name="market"/>.</summary>
    public static void ShouldOnlyContainPlayableIn(this BlendQueue queue, string market, ClusterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(queue);
        Check(queue.Items.Select(i => i.TrackId), t => PlayableIn(catalog, t, market), $"playable in {market}", Describe(queue.Items.Select(i => i.TrackId)));
    }

    private static bool PlayableIn(ClusterCatalog catalog, string track, string market)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Written.GetValueOrDefault(track) is { } e && (e.Markets.Contains(Markets.All) || e.Markets.Contains(market));
    }

    private static void Check(IEnumerable<string> tracks, Func<string, bool> rule, string what, string described)
    {
        var offending = tracks.Where(t => !rule(t)).ToList();
        if (offending.Count > 0) KitAssertionException.Throw($"Expected only tracks {what}, got {string.Join(", ", offending)} in: {described}");
    }

    private static string Describe(IEnumerable<string> tracks) => "[" + string.Join(", ", tracks) + "]";
}
