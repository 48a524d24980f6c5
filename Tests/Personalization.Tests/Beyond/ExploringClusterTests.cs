using Microsoft.Extensions.DependencyInjection;
using Personalization.Engine.Exploration;
using Personalization.Engine.Rewards;
using Personalization.Engine.Synthetic;
using Personalization.Testing;

namespace Personalization.Tests.Beyond;

/// <summary>Its own one-silo cluster with exploration switched on by configuration (ε = 0.5 to see it often).</summary>
public sealed class ExploringCluster() : PersonalizationCluster(ExploringSettings())
{
    private static TestClusterSettings ExploringSettings()
    {
        var settings = new TestClusterSettings { Silos = 1 };
        settings.Configuration["Personalization:Exploration:Enabled"] = "true";
        settings.Configuration["Personalization:Exploration:Epsilon"] = "0.5";
        return settings;
    }
}

[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class ExploringClusterTests(ExploringCluster cluster) : IClassFixture<ExploringCluster>
{
    [Fact]
    public async Task Configured_exploration_serves_explored_items_with_logged_propensities_and_the_silo_arms_learn()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 20, SessionsPerListener = 2, Start = cluster.Clock.Now.AddDays(-2) });
        await cluster.SeedAsync(world);
        var users = world.Listeners.Select(l => l.UserId).ToList();

        var lists = new List<Personalization.Abstractions.RecommendationList>();
        foreach (var user in users)
        {
            var list = await cluster.User(user).RecommendAsync(new Personalization.Abstractions.RecommendRequest(10));
            lists.Add(list);
            var first = list.Items[0];
            await cluster.Listener(user).Complete(first.TrackId, first.ArtistId!).SendAsync(); // every listener completes its first item
        }

        var items = lists.SelectMany(l => l.Items).ToList();
        Assert.Contains(items, i => i.Explored);
        Assert.Contains(items, i => !i.Explored);
        Assert.All(items, i => Assert.InRange(i.Propensity, 1e-9, 1.0));
        Assert.Contains(items, i => i.Propensity < 1);
        Assert.All(lists, l => Assert.Equal(Enumerable.Range(0, l.Items.Count), l.Items.Select(i => i.Position)));

        var arms = cluster.SiloServices().Single().GetRequiredService<SourceArms>().All();
        Assert.Equal(items.Count, arms.Sum(a => a.Served), 6);
        Assert.Equal(users.Count, arms.Sum(a => a.Reward), 6); // one completion (reward 1) per listener
        var profiles = await Task.WhenAll(users.Select(u => cluster.User(u).GetProfileAsync()));
        Assert.All(profiles, p => Assert.Equal((1L, 1.0), (p.Rewards!.Completed, p.Rewards.Reward)));
        Assert.Contains(arms, a => a.Context == ListeningContext.NoSession && a.Served > 0);
    }
}
