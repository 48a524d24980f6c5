using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions;
using Personalization.Engine.Ranking;
using Personalization.Engine.Synthetic;
using Personalization.Testing;

namespace Personalization.Tests.Quality;

/// <summary>Its own one-silo cluster whose re-ranker trains early (20 examples) with small trees.</summary>
public sealed class EagerRankerCluster() : PersonalizationCluster(new TestClusterSettings
{
    Silos = 1,
    Configuration =
    {
        ["Personalization:Ranker:MinExamples"] = "20",
        ["Personalization:Ranker:RetrainEvery"] = "20",
        ["Personalization:Ranker:MinRetrainInterval"] = "00:00:00",
        ["Personalization:Ranker:Trees"] = "20",
        ["Personalization:Ranker:MinLeaf"] = "5",
    },
});

[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class LearnedRankerClusterTests(EagerRankerCluster cluster) : IClassFixture<EagerRankerCluster>
{
    [Fact]
    public async Task Plays_recorded_through_the_grains_train_the_silos_re_ranker_which_then_orders_what_is_served()
    {
        var ranker = cluster.SiloServices().Single().GetRequiredService<LearnedRanker>();
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 30, SessionsPerListener = 3, Start = cluster.Clock.Now.AddDays(-3) });

        await cluster.SeedAsync(world); // syncs the model and waits for the re-ranker's trainings

        Assert.True(ranker.ExamplesSeen >= 20, $"examples: {ranker.ExamplesSeen}");
        Assert.NotNull(ranker.Current);
        Assert.Null(ranker.LastError);
        var listener = world.Listeners[0].UserId;
        var seen = ranker.ExamplesSeen;
        var invalid = new ListenEvent("bad-1", "", "artist", EventKind.Play, cluster.Clock.Now); // no track id
        await Assert.ThrowsAsync<InvalidEventException>(() => cluster.User(listener).RecordAsync(invalid));
        Assert.Equal(seen, ranker.ExamplesSeen); // a refused event teaches nothing

        var list = await cluster.User(listener).RecommendAsync(new RecommendRequest(20));
        Assert.NotEmpty(list.Items);
        Assert.Equal(list.Items.Count, list.Items.Select(i => i.TrackId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, list.Items.Count), list.Items.Select(i => i.Position));
    }
}
