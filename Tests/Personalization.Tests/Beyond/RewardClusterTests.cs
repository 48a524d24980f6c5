using System.Net;
using System.Net.Http.Json;
using Personalization.Client.Operations;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Security;

namespace Personalization.Tests.Beyond;

/// <summary>Rewards through the real grains (exploration off, the default): attribution, profile, persistence, HTTP, metrics.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class RewardClusterTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Outcomes_of_a_served_list_reach_the_profile_and_survive_reactivation_but_served_lists_do_not()
    {
        for (var i = 0; i < 5; i++)
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser("rw-teach"))
                .CompleteAll(("rw-intro", "rw-band"), ("rw-next", "rw-band"), ("rw-other", "rw-solo"), ("rw-more", "rw-solo")).SendAsync();
        }

        await cluster.SyncModelAsync();
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("rw-me"));
        await me.Complete("rw-intro", "rw-band").SendAsync();

        var list = await me.RecommendAsync(5);
        Assert.True(list.Items.Count >= 3);
        Assert.Equal(Enumerable.Range(0, list.Items.Count), list.Items.Select(i => i.Position));
        Assert.All(list.Items, i => Assert.Equal((1.0, false), (i.Propensity, i.Explored))); // deterministic: exploration is off
        var (first, second, third) = (list.Items[0], list.Items[1], list.Items[2]);

        await me.Complete(first.TrackId, first.ArtistId!).Like(first.TrackId, first.ArtistId!)
            .SkipAt(second.TrackId, second.ArtistId!, 5_000)
            .Play("rw-elsewhere", "rw-nobody")                     // not served: not attributed
            .Pause(TimeSpan.FromHours(2)).Play("rw-elsewhere", "rw-nobody") // a new session 2 h later: the listener returned
            .SendAsync();
        var rewards = (await me.ProfileAsync()).Rewards!;

        Assert.Equal((1L, (long)list.Items.Count), (rewards.ListsServed, rewards.ItemsServed));
        Assert.Equal((1L, 1L, 1L, 1L, 0L), (rewards.Started, rewards.Completed, rewards.Liked, rewards.SkippedEarly, rewards.Saved));
        Assert.Equal(1L, rewards.ListsReturned);
        Assert.Equal(1.0, rewards.Reward);
        Assert.Equal(1.0, rewards.RewardPerList);
        Assert.Equal(1.0, rewards.BySource.Single(s => s.Source == first.ReasonCode).Reward); // the early skip earns 0 wherever it came from
        Assert.Equal(list.Items.Count, rewards.BySource.Sum(s => s.Served));

        await cluster.DeactivateUserAsync(me.UserId); // statistics are in the snapshot; served lists are in memory only
        await me.Complete(third.TrackId, third.ArtistId!).SendAsync();
        var restored = (await me.ProfileAsync()).Rewards!;
        var export = await cluster.User(me.UserId).ExportAsync();

        Assert.Equal(rewards with { BySource = restored.BySource }, restored);
        Assert.Equal(rewards.BySource, restored.BySource);
        Assert.Equal(rewards.Completed, export.Rewards!.Completed);
    }

    [Fact]
    public async Task Over_http_items_carry_position_and_propensity_and_reward_metrics_count_outcomes_without_user_ids()
    {
        await using var api = await PersonalizationApiHost.StartAsync(cluster);
        var user = PersonalizationCluster.UniqueUser("rw-http");
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsJsonAsync($"/v1/users/{user}/events", ApiRequests.Event(cluster, $"{user}-e1", "rw-h1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsJsonAsync($"/v1/users/{user}/events", ApiRequests.Event(cluster, $"{user}-e2", "rw-h2", "like"))).StatusCode);

        var list = await (await api.Http.GetAsync($"/v1/users/{user}/recommendations?count=3")).JsonAsync();
        var item = list.GetProperty("items")[0];
        Assert.Equal(0, item.GetProperty("position").GetInt32());
        Assert.Equal(1.0, item.GetProperty("propensity").GetDouble());
        Assert.False(item.GetProperty("explored").GetBoolean());

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var track = item.GetProperty("trackId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsJsonAsync($"/v1/users/{user}/events", ApiRequests.Event(cluster, $"{user}-e3", track, minutesAgo: 0))).StatusCode);
        var profile = await (await api.Http.GetAsync($"/v1/users/{user}/profile")).JsonAsync();
        var text = await (await api.ClientWith(null).GetAsync(Telemetry.MetricsPath)).Content.ReadAsStringAsync();

        Assert.Equal(1, profile.GetProperty("rewards").GetProperty("completed").GetInt64());
        Assert.Contains("personalization_rewards_outcomes", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"completed\"", text, StringComparison.Ordinal);
        Assert.Contains("personalization_recommendations_items", text, StringComparison.Ordinal);
        Assert.Contains("personalization_exploration_arm_mean", text, StringComparison.Ordinal);
        Assert.DoesNotContain(user, text, StringComparison.Ordinal);
    }
}
