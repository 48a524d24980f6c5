using Personalization.Engine.Discovery;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Beyond;

/// <summary>Discovery on a real cluster: never a track the listener played, each with a reason, near their taste.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class DiscoveryClusterTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_discovery_list_holds_no_played_track_and_gives_a_reason_for_each()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("disc"));
        await music.TeachAsync("a", "near", "other");
        for (var i = 0; i < 3; i++) // others go on from the artist's tracks to "near"
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser("bridge"))
                .CompleteAll(music.Song("a", 0), music.Song("near", 5), music.Song("a", 1), music.Song("near", 6))
                .SendAsync();
        }

        await cluster.SyncModelAsync();
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("a", 0, 1, 2)).Like(music.Track("a", 1), music.Artist("a"))
            .Complete(music.Track("near", 0), music.Artist("near")).Dislike(music.Track("other", 0), music.Artist("other"))
            .SendAsync();

        var discovery = await me.DiscoverAsync(10);
        var played = await me.PlayedTracksAsync();

        Assert.Equal(2 * new DiscoveryOptions().MaxPerArtist, discovery.Items.Count); // two artists near the taste, "other" disliked
        discovery.ShouldContainNoneOf(played);
        discovery.ShouldGiveReasons();
        discovery.ShouldNotRecommendArtists([music.Artist("other")]);
        Assert.All(discovery.Items, r => Assert.StartsWith("discovery-", r.ReasonCode, StringComparison.Ordinal));
        Assert.Contains(discovery.Items, r => r.ArtistId == music.Artist("near"));
        Assert.Contains(discovery.Items, r => r.ArtistId == music.Artist("a"));
    }

    [Fact]
    public async Task A_new_listener_gets_an_empty_discovery_list_not_an_error()
    {
        var discovery = await cluster.Listener(PersonalizationCluster.UniqueUser("new")).DiscoverAsync(5);

        Assert.Empty(discovery.Items);
        Assert.False(string.IsNullOrEmpty(discovery.ListId));
    }
}
