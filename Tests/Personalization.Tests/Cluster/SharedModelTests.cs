using Personalization.Testing;

namespace Personalization.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class SharedModelTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task What_many_listeners_play_after_a_track_is_recommended_after_it_with_a_reason()
    {
        // Twenty listeners (spread over both silos) play m1 then m2; three of them go on to m3 instead (enough
        // distinct listeners for the model to admit a new track and a new transition: two by default).
        for (var i = 0; i < 20; i++)
        {
            var next = i < 3 ? "shm-m3" : "shm-m2";
            await cluster.Listener(PersonalizationCluster.UniqueUser("teach")).CompleteAll(("shm-m1", "shm-a1"), (next, "shm-a2")).SendAsync();
        }

        await cluster.SyncModelAsync();
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("learner"));
        await listener.Complete("shm-m1", "shm-a1").SendAsync();
        var recs = await listener.RecommendAsync(5);

        Assert.Equal("shm-m2", recs.Items[0].TrackId);
        Assert.Equal("after-track", recs.Items[0].ReasonCode);
        Assert.Equal("after shm-m1", recs.Items[0].Reason);
        Assert.Contains(recs.Items, r => r.TrackId == "shm-m3");
    }

    [Fact]
    public async Task A_disliked_artist_is_never_recommended_even_when_it_is_the_strongest_transition()
    {
        for (var i = 0; i < 10; i++)
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser("dis-teach")).CompleteAll(("dis-x1", "dis-a1"), ("dis-x2", "dis-bad"), ("dis-x3", "dis-a3")).SendAsync();
        }

        await cluster.SyncModelAsync();
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("dis"));
        await listener.Play("dis-x9", "dis-bad").Dislike("dis-x9", "dis-bad").Complete("dis-x1", "dis-a1").SendAsync();
        var recs = await listener.RecommendAsync(20);

        Assert.NotEmpty(recs.Items);
        Assert.DoesNotContain(recs.Items, r => r.ArtistId == "dis-bad");
        Assert.DoesNotContain(recs.Items, r => r.TrackId is "dis-x2" or "dis-x9");
    }

    [Fact]
    public async Task Recommendations_are_deterministic_for_a_given_state()
    {
        for (var i = 0; i < 5; i++)
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser("det-teach")).CompleteAll(("det-1", "det-a"), ("det-2", "det-a"), ("det-3", "det-b"), ("det-4", "det-c")).SendAsync();
        }

        await cluster.SyncModelAsync();
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("det"));
        await listener.CompleteAll(("det-1", "det-a"), ("det-2", "det-a")).SendAsync();

        var first = await listener.RecommendAsync(10);
        var second = await listener.RecommendAsync(10);

        Assert.NotEmpty(first.Items);
        Assert.Equal(first.Items, second.Items);
    }
}
