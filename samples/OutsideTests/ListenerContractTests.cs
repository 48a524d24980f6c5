using Personalization.Testing;

namespace OutsideTests;

/// <summary>Rows of the listener contract (docs/listener-contract.md), checked from outside with the packaged kit.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Outside")]
public sealed class ListenerContractTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Two_early_skips_keep_the_skipped_tracks_out_and_the_artist_at_two_of_the_top_ten()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("out-skip"));
        await music.TeachAsync("x", "y", "z");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("y", 0, 1)).Complete(music.Track("x", 0), music.Artist("x"))
            .SkipAt(music.Track("x", 1), music.Artist("x"), positionMs: 5_000)
            .SkipAt(music.Track("x", 2), music.Artist("x"), positionMs: 5_000)
            .SendAsync();

        var recommendations = await me.RecommendAsync(10);

        recommendations.ShouldNotContainTracks(music.Track("x", 1), music.Track("x", 2));
        recommendations.ShouldHaveAtMostByArtistWithinTop(music.Artist("x"), 2, 10);
    }

    [Fact]
    public async Task A_failed_kit_assertion_fails_the_test_with_the_list_in_its_message()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("out-fail"));
        await music.TeachAsync("x");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.Complete(music.Track("x", 0), music.Artist("x")).SendAsync();
        var recommendations = await me.RecommendAsync(5);

        var failure = Assert.Throws<KitAssertionException>(() => recommendations.ShouldNotRecommendArtists([music.Artist("x")]));

        Assert.Contains(music.Track("x", 1), failure.Message, StringComparison.Ordinal);
    }
}
