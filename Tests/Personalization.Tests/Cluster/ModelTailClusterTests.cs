using Microsoft.Extensions.DependencyInjection;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Grains.Model;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>Its own cluster whose silos replicate a head of 8 sources (one per shard): nearly every list is in the tail.</summary>
public sealed class SmallHeadCluster() : PersonalizationCluster(SmallHead())
{
    private static TestClusterSettings SmallHead()
    {
        var settings = new TestClusterSettings { Silos = 2 };
        settings.Configuration["Personalization:Model:HeadTracks"] = "8";
        return settings;
    }
}

/// <summary>
/// Through the real grains: a track whose successors no silo replicates (the model's tail) still anchors a listener's
/// recommendations, read once from its shard into the silo's tail cache and then served from it.
/// </summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ModelTailClusterTests(SmallHeadCluster cluster) : IClassFixture<SmallHeadCluster>
{
    private static readonly string[] Artists = ["a", "b", "c", "d"];

    [Fact]
    public async Task A_tail_track_anchors_recommendations_from_its_shard_and_the_second_time_from_the_cache()
    {
        var music = new Catalogue(cluster, "tail");
        await music.TeachAsync(Artists);
        var tail = Enumerable.Range(0, Catalogue.TracksPerArtist - 1)
            .SelectMany(i => Artists.Select(artist => music.Song(artist, i)))
            .First(song => NoSiloReplicates(song.Track));

        var listener = PersonalizationCluster.UniqueUser("tail-me");
        var me = cluster.Listener(listener);
        await me.Complete(tail.Track, tail.Artist).SendAsync();
        var silo = cluster.Cluster.GetSiloServiceProvider(await cluster.HostOfUserAsync(listener));
        var reads = silo.GetRequiredService<ModelTail>().Cache;
        var missesBefore = reads.Misses;

        var first = await me.RecommendAsync(10);
        Assert.Contains(first.Items, i => i.ReasonCode == "after-track" && i.Because == tail.Track);
        Assert.Equal(missesBefore + 1, reads.Misses);
        var hitsBefore = reads.Hits;

        var second = await me.RecommendAsync(10);
        Assert.Contains(second.Items, i => i.ReasonCode == "after-track" && i.Because == tail.Track);
        Assert.Equal(missesBefore + 1, reads.Misses);
        Assert.Equal(hitsBefore + 1, reads.Hits);
        Assert.True(NoSiloReplicates(tail.Track)); // still the tail's: read on demand, not copied into the read model
    }

    private bool NoSiloReplicates(string track) =>
        cluster.SiloServices().All(sp =>
            !sp.GetRequiredService<Vocabulary>().TryGetId(track, out var id) || sp.GetRequiredService<LiveModel>().SuccessorsOf(id).IsEmpty);
}
