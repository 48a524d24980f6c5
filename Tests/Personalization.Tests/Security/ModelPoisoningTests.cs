using Personalization.Abstractions;
using Personalization.Testing;

namespace Personalization.Tests.Security;

/// <summary>
/// Its own cluster: what reaches the shared model here must come from this test alone. The learned re-ranker is off:
/// it only re-orders the engine's top candidates (<c>Recommender.Reranked</c>), so it cannot put in front of anyone a
/// track the shared lists do not hold, which is what this test checks. On, the attack's 40,000 plays made it build
/// thousands of examples on the event path and retrain on them: 30 s of this test alone, 50 to 200 s of the
/// Requires=None run, spent on nothing this test asserts (the re-ranker is tested through the grains by
/// <c>LearnedRankerClusterTests</c>).
/// </summary>
public sealed class PoisoningCluster() : PersonalizationCluster(WithoutReRanker())
{
    private static TestClusterSettings WithoutReRanker()
    {
        var settings = new TestClusterSettings { Silos = 2 };
        settings.Configuration["Personalization:Ranker:Enabled"] = "false";
        return settings;
    }
}

/// <summary>
/// One listener cannot put made-up tracks in front of anyone else: a new track or transition enters the shared lists only
/// with enough distinct listeners (two by default), however often one listener plays it.
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class ModelPoisoningTests(PoisoningCluster cluster) : IClassFixture<PoisoningCluster>
{
    private const int Repeats = 20_000;
    private const int Batch = 500;
    private const string TrackA = "poison-made-up-a";
    private const string TrackB = "poison-made-up-b";

    [Fact]
    public async Task Completing_two_made_up_tracks_twenty_thousand_times_reaches_no_other_listener_until_enough_listeners_do()
    {
        var music = new Catalogue(cluster, "poison-real");
        await music.TeachAsync("a", "b");

        await AttackAsync(PersonalizationCluster.UniqueUser("attacker"));
        await cluster.SyncModelAsync();

        var cold = await cluster.User(PersonalizationCluster.UniqueUser("cold")).RecommendAsync(new RecommendRequest(10));
        var warm = cluster.Listener(PersonalizationCluster.UniqueUser("warm"));
        await warm.CompleteAll(music.Songs("a", 0, 1)).SendAsync();
        var warmList = await warm.RecommendAsync(10);
        Assert.NotEmpty(cold.Items);
        Assert.NotEmpty(warmList.Items);
        Assert.DoesNotContain(cold.Items, i => i.TrackId is TrackA or TrackB);
        Assert.DoesNotContain(warmList.Items, i => i.TrackId is TrackA or TrackB);
        Assert.DoesNotContain(await AfterAAsync(), i => i.TrackId == TrackB); // not even after the other made-up track

        // A second listener (the default admission: two distinct listeners) makes them eligible.
        await AttackAsync(PersonalizationCluster.UniqueUser("second"));
        await cluster.SyncModelAsync();
        var after = await AfterAAsync();
        Assert.Contains(after, i => i.TrackId == TrackB && i.ReasonCode == "after-track" && i.Because == TrackA);
        var coldAfter = await cluster.User(PersonalizationCluster.UniqueUser("cold")).RecommendAsync(new RecommendRequest(50));
        Assert.Contains(coldAfter.Items, i => i.TrackId is TrackA or TrackB && i.ReasonCode == "trending");
    }

    /// <summary>The top 10 of a new listener who just completed A.</summary>
    private async Task<IReadOnlyList<Recommendation>> AfterAAsync()
    {
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("heard-a"));
        await listener.Complete(TrackA, "poison-artist").SendAsync();
        return (await listener.RecommendAsync(10)).Items;
    }

    /// <summary>Completes A and B alternately <see cref="Repeats"/> times, 40 requests of 500, a second apart in event time.</summary>
    private async Task AttackAsync(string attacker)
    {
        var start = cluster.Clock.Now.AddSeconds(-Repeats);
        for (var request = 0; request < Repeats / Batch; request++)
        {
            var events = new ListenEvent[Batch];
            for (var i = 0; i < Batch; i++)
            {
                var n = request * Batch + i;
                var track = n % 2 == 0 ? TrackA : TrackB;
                events[i] = new ListenEvent($"{attacker}-{n}", track, "poison-artist", EventKind.Complete, start.AddSeconds(n), 1_000, 1_000);
            }

            await cluster.User(attacker).RecordBatchAsync(events);
        }
    }
}
