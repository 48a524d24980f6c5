using Personalization.Abstractions;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Catalog;

/// <summary>The request rules over the Orleans client: market, explicit, exclude and seed, applied before the cut to the count.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Catalog")]
[Trait("Requires", "None")]
public sealed class CatalogRulesTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_request_for_ten_gets_ten_playable_in_the_market_when_the_market_removes_half_of_the_candidates()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("mk"));
        await world.SetUpAsync();
        var listener = await world.ListenerAsync("se-listener");

        var open = await cluster.User(listener.UserId).RecommendAsync(new RecommendRequest(10));
        var inSweden = await cluster.User(listener.UserId).RecommendAsync(new RecommendRequest(10, Market: "SE"));

        Assert.Contains(open.Items, r => world.Entry(r.TrackId) is { } e && e.Markets.Contains("NO")); // the market does remove candidates
        Assert.Equal(10, inSweden.Items.Count);
        inSweden.ShouldOnlyContainPlayableIn("SE", cluster.Catalog);
    }

    [Fact]
    public async Task Explicit_false_and_exclusions_hold_together_with_the_market()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("ex"));
        await world.SetUpAsync();
        var listener = await world.ListenerAsync("ex-listener");
        var first = await cluster.User(listener.UserId).RecommendAsync(new RecommendRequest(10, Market: "SE"));
        Assert.Contains(first.Items, r => world.Entry(r.TrackId)?.Explicit == true); // explicit tracks are candidates

        var queued = first.Items.Where(r => world.Entry(r.TrackId)?.Explicit == false).Take(2).Select(r => r.TrackId).ToArray();
        var clean = await cluster.User(listener.UserId).RecommendAsync(new RecommendRequest(10, queued, Market: "SE", Explicit: false));

        Assert.Equal(2, queued.Length);
        Assert.NotEmpty(clean.Items);
        clean.ShouldOnlyContainPlayableIn("SE", cluster.Catalog);
        clean.ShouldContainNoExplicitTracks(cluster.Catalog);
        clean.ShouldNotContainTracks(queued);
    }

    [Fact]
    public async Task A_seed_gives_a_radio_from_a_track_the_listener_never_played()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("sd"));
        await world.SetUpAsync();
        var seed = world.Music.Track("b", 3);

        var radio = await cluster.User(PersonalizationCluster.UniqueUser("newcomer")).RecommendAsync(new RecommendRequest(5, Seed: seed));

        radio.ShouldContainTrackWithinTop(world.Music.Track("b", 4), 3); // what every teacher played after the seed
        radio.ShouldNotContainTracks(seed);
        Assert.Equal("after-track", radio.Items[0].ReasonCode);
    }

    [Theory]
    [InlineData("se", null, "market")]
    [InlineData("SWE", null, "market")]
    [InlineData(null, "no spaces", "seed")]
    public async Task Bad_rules_are_refused_over_the_client_naming_the_field(string? market, string? seed, string field)
    {
        var error = await Assert.ThrowsAsync<InvalidEventException>(() =>
            cluster.User(PersonalizationCluster.UniqueUser("bad")).RecommendAsync(new RecommendRequest(10, Market: market, Seed: seed)));

        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public async Task A_bad_market_for_discovery_or_a_blend_is_refused_over_the_client()
    {
        var alice = PersonalizationCluster.UniqueUser("bm-a");
        var bob = PersonalizationCluster.UniqueUser("bm-b");

        var discovery = await Assert.ThrowsAsync<InvalidEventException>(() => cluster.User(alice).DiscoverAsync(new RecommendRequest(10, Market: "se")));
        var blend = await Assert.ThrowsAsync<InvalidEventException>(() => cluster.Blend(alice, bob).GetQueueAsync(new Abstractions.Blend.BlendRequest(10, Market: "se")));

        Assert.Contains(discovery.Errors, e => e.Field == "market");
        Assert.Contains(blend.Errors, e => e.Field == "market");
    }

    [Fact]
    public async Task Discovery_and_blend_obey_the_market_too()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("db"));
        await world.SetUpAsync();
        var alice = await world.ListenerAsync("alice");
        var bob = await world.ListenerAsync("bob");

        var discovered = await cluster.User(alice.UserId).DiscoverAsync(new RecommendRequest(10, Market: "NO"));
        var blend = await cluster.Blend(alice.UserId, bob.UserId).GetQueueAsync(new Abstractions.Blend.BlendRequest(10, Market: "NO", Explicit: false));

        Assert.NotEmpty(discovered.Items);
        discovered.ShouldOnlyContainPlayableIn("NO", cluster.Catalog);
        Assert.NotEmpty(blend.Items);
        blend.ShouldOnlyContainPlayableIn("NO", cluster.Catalog);
    }

    [Fact]
    public async Task A_new_release_by_a_favourite_artist_surfaces_before_it_has_plays_and_an_old_one_does_not_as_new()
    {
        var world = new CatalogWorld(cluster, PersonalizationCluster.UniqueUser("nr"));
        await world.SetUpAsync();
        var listener = await world.ListenerAsync("fan");
        var today = DateOnly.FromDateTime(cluster.Clock.Now.UtcDateTime);
        var fresh = world.Music.Track("a", 100);
        var old = world.Music.Track("a", 101);
        await cluster.Catalog.UpsertAsync(
            ClusterCatalog.Track(fresh, world.Music.Artist("a"), released: today.AddDays(-2)),
            ClusterCatalog.Track(old, world.Music.Artist("a"), released: today.AddDays(-200)));
        await cluster.SyncModelAsync();

        var list = await cluster.User(listener.UserId).RecommendAsync(new RecommendRequest(30));

        list.ShouldGiveReason(fresh, "new-release");
        Assert.DoesNotContain(list.Items, r => r.TrackId == old && r.ReasonCode == "new-release");
    }
}
