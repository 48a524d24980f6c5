using Personalization.Abstractions.Catalog;
using Personalization.Testing;

namespace Personalization.Tests.Catalog;

/// <summary>
/// A taught catalogue for one test: artists a, b, c with eight tracks each (the kit's <see cref="Catalogue"/>), written to
/// the cluster's catalogue with even tracks playable only in SE and odd ones only in NO (so a market removes half of
/// the candidates), and tracks 2 and 6 of each artist explicit.
/// </summary>
internal sealed class CatalogWorld(PersonalizationTestCluster cluster, string prefix)
{
    public static readonly string[] Artists = ["a", "b", "c"];

    public Catalogue Music { get; } = new(cluster, prefix);

    public static bool IsSe(int i) => i % 2 == 0;

    public static bool IsExplicit(int i) => i % 4 == 2;

    public IEnumerable<string> Tracks => Artists.SelectMany(a => Enumerable.Range(0, Catalogue.TracksPerArtist).Select(i => Music.Track(a, i)));

    public async Task SetUpAsync()
    {
        await Music.TeachAsync(Artists);
        await cluster.Catalog.UpsertAsync([.. Artists.SelectMany(a => Enumerable.Range(0, Catalogue.TracksPerArtist).Select(i =>
            ClusterCatalog.Track(Music.Track(a, i), Music.Artist(a), [IsSe(i) ? "SE" : "NO"], IsExplicit(i))))]);
    }

    /// <summary>A listener in session with all three artists (every track of the world is a candidate).</summary>
    public async Task<ListenerScript> ListenerAsync(string name)
    {
        var listener = cluster.Listener(PersonalizationTestCluster.UniqueUser(name));
        await listener.CompleteAll([.. Artists.SelectMany(a => Music.Songs(a, 0, 1))]).SendAsync();
        return listener;
    }

    public CatalogEntry? Entry(string track) => cluster.Catalog.Written.GetValueOrDefault(track);
}
