using System.Diagnostics;
using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Testing;
using Xunit.Abstractions;

namespace Personalization.Tests.Catalog;

/// <summary>
/// A takedown on a 3-silo cluster: the tracks leave the recommendations of listeners on every silo, a Blend and a
/// discovery list within 5 s, by the silos' own change pull (no forced sync), and stay in the listeners' history.
/// </summary>
[Trait("Category", "Catalog")]
[Trait("Requires", "None")]
public sealed class TakedownTests(FaultCluster cluster, ITestOutputHelper output) : IClassFixture<FaultCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Taken_down_tracks_leave_every_list_on_every_silo_within_five_seconds()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("td"));
        await world.SetUpAsync();
        var listeners = new List<string>();
        for (var silo = 0; silo < 3; silo++)
        {
            var listener = await world.ListenerAsync($"td-{silo}");
            await cluster.MoveUserAsync(listener.UserId, silo);
            listeners.Add(listener.UserId);
        }

        var lists = await ListsAsync(listeners);
        var taken = lists.Select(l => l[0]).Distinct(StringComparer.Ordinal).ToArray();
        Assert.All(lists, l => Assert.NotEmpty(l));

        await cluster.Catalog.TakeDownAsync(taken);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lists = await ListsAsync(listeners);
            if (!lists.Any(l => l.Intersect(taken).Any())) break;
            Assert.True(clock.Elapsed < Deadline, $"still served after {clock.Elapsed}: {string.Join(" | ", lists.Select(l => string.Join(",", l)))}");
            await Task.Delay(50); // polling a condition the silos reach on their own timers, bounded by the deadline above
        }

        output.WriteLine($"{taken.Length} tracks left 3 users' recommendations, a Blend and a discovery list on 3 silos after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.All(lists, l => Assert.NotEmpty(l));
        var export = await cluster.User(listeners[0]).ExportAsync();
        Assert.Contains(export.History, s => s.TrackId == world.Music.Track("a", 0)); // their history keeps what they played
    }

    /// <summary>Each listener's recommendations, the first two listeners' Blend, the third's discovery list.</summary>
    private async Task<List<string[]>> ListsAsync(List<string> listeners)
    {
        var lists = new List<string[]>();
        foreach (var user in listeners) lists.Add([.. (await cluster.User(user).RecommendAsync(new RecommendRequest(10))).Items.Select(r => r.TrackId)]);
        lists.Add([.. (await cluster.Blend(listeners[0], listeners[1]).GetQueueAsync(new BlendRequest(10))).Items.Select(i => i.TrackId)]);
        lists.Add([.. (await cluster.User(listeners[2]).DiscoverAsync(new RecommendRequest(10))).Items.Select(r => r.TrackId)]);
        return lists;
    }
}
