using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Engine.Blend;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Beyond;

/// <summary>Blend on a real cluster: fairness across members, shared taste first, refresh as members listen, bad keys.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class BlendClusterTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Three_listeners_share_a_fair_queue_and_the_two_who_share_an_artist_get_it_first()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("fair"));
        await music.TeachAsync("a", "b", "c", "s");
        var alice = await ListenAsync("alice", music.Songs("a", 0, 1), music.Songs("s", 0));
        var bob = await ListenAsync("bob", music.Songs("b", 0, 1), music.Songs("s", 0));
        var carol = await ListenAsync("carol", music.Songs("c", 0, 1));

        var queue = await cluster.Blend(carol, alice, bob).GetQueueAsync(new BlendRequest(12));

        Assert.Equal(new[] { alice, bob, carol }.Order(StringComparer.Ordinal), queue.Members);
        Assert.Equal(12, queue.Items.Count);
        Assert.Equal(4, queue.FairnessFloor);
        queue.ShouldHonourFairnessFloor();
        queue.ShouldGive(carol, 4);
        var first = queue.Items[0];
        Assert.Equal(music.Artist("s"), first.ArtistId);
        Assert.Equal([alice, bob], first.GoodFor);
        Assert.Equal("blend-shared", first.ReasonCode);
        Assert.Contains(queue.Items, i => i.PickedFor == carol && i.ArtistId == music.Artist("c"));
        Assert.All(queue.Items, i => Assert.False(string.IsNullOrEmpty(i.Reason)));
    }

    [Fact]
    public async Task A_members_new_listen_is_reflected_in_the_next_queue()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("refresh"));
        await music.TeachAsync("a", "b", "d");
        var alice = await ListenAsync("alice", music.Songs("a", 0, 1));
        var bob = cluster.Listener(PersonalizationCluster.UniqueUser("bob"));
        await bob.CompleteAll(music.Songs("b", 0, 1)).SendAsync();
        var blend = cluster.Blend(alice, bob.UserId);
        var before = await blend.GetQueueAsync(new BlendRequest(10));

        await bob.Complete(music.Track("d", 0), music.Artist("d")).SendAsync();
        var after = await blend.GetQueueAsync(new BlendRequest(10));

        Assert.DoesNotContain(before.Items, i => i.ArtistId == music.Artist("d"));
        Assert.Contains(after.Items, i => i.ArtistId == music.Artist("d") && i.GoodFor.Contains(bob.UserId));
        Assert.Equal(Share(before, bob.UserId).Sequence + 1, Share(after, bob.UserId).Sequence); // the one new event
        Assert.NotEqual(before.ListId, after.ListId);
        after.ShouldHonourFairnessFloor();
    }

    [Fact]
    public async Task Without_new_events_the_queue_is_reused_until_summaries_age_out()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("cache"));
        await music.TeachAsync("a", "b");
        var alice = await ListenAsync("alice", music.Songs("a", 0, 1));
        var bob = await ListenAsync("bob", music.Songs("b", 0, 1));
        var blend = cluster.Blend(alice, bob);

        var first = await blend.GetQueueAsync(new BlendRequest(8));
        var again = await blend.GetQueueAsync(new BlendRequest(8));
        var longer = await blend.GetQueueAsync(new BlendRequest(10));
        cluster.Clock.Advance(new BlendOptions().SummaryMaxAge);
        var aged = await blend.GetQueueAsync(new BlendRequest(10));

        Assert.Equal(first.ListId, again.ListId);
        Assert.NotEqual(first.ListId, longer.ListId);
        Assert.NotEqual(longer.ListId, aged.ListId);
        Assert.Equal(longer.Items.Select(i => i.TrackId), aged.Items.Select(i => i.TrackId)); // same state, same queue
    }

    [Fact]
    public async Task A_track_one_member_disliked_is_never_in_the_shared_queue()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("veto"));
        await music.TeachAsync("a", "b");
        var alice = await ListenAsync("alice", music.Songs("a", 0, 1));
        var bob = cluster.Listener(PersonalizationCluster.UniqueUser("bob"));
        // Bob likes the artist overall (not a disliked artist) but rejects one of its tracks.
        await bob.CompleteAll(music.Songs("a", 0, 1, 3, 4)).Dislike(music.Track("a", 2), music.Artist("a")).SendAsync();

        var queue = await cluster.Blend(alice, bob.UserId).GetQueueAsync(new BlendRequest(20));

        var alicesOwn = await cluster.User(alice).RecommendAsync(new RecommendRequest(20));
        alicesOwn.ShouldContainTrackWithinTop(music.Track("a", 2), 3); // what the veto removes: alice's own next track
        Assert.Contains(queue.Items, i => i.ArtistId == music.Artist("a"));
        Assert.DoesNotContain(queue.Items, i => i.TrackId == music.Track("a", 2));
    }

    [Fact]
    public async Task A_forgotten_member_is_not_served_from_the_blends_cache()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("forget"));
        await music.TeachAsync("a", "b", "c");
        var alice = await ListenAsync("alice", music.Songs("a", 0, 1));
        var bob = cluster.Listener(PersonalizationCluster.UniqueUser("bob"));
        await bob.CompleteAll(music.Songs("b", 0, 1)).SendAsync();
        var blend = cluster.Blend(alice, bob.UserId);
        var before = await blend.GetQueueAsync(new BlendRequest(10));

        await cluster.User(bob.UserId).ForgetAsync();
        await bob.CompleteAll(music.Songs("c", 0, 1)).SendAsync(); // the same sequence (2) as before, a new taste
        var after = await blend.GetQueueAsync(new BlendRequest(10));

        Assert.Equal(Share(before, bob.UserId).Sequence, Share(after, bob.UserId).Sequence);
        Assert.Contains(before.Items, i => i.ArtistId == music.Artist("b") && i.PickedFor == bob.UserId);
        Assert.DoesNotContain(after.Items, i => i.ArtistId == music.Artist("b") && i.PickedFor == bob.UserId);
        Assert.Contains(after.Items, i => i.ArtistId == music.Artist("c") && i.PickedFor == bob.UserId);
    }

    [Theory]
    [InlineData("solo", "members")]
    [InlineData("a,b,c,d,e,f,g,h,i", "members")]
    [InlineData("a,b c", "members[1]")]
    [InlineData("b,a", "members")]
    [InlineData("a,a", "members")]
    public async Task A_bad_member_list_is_rejected_with_a_typed_error(string key, string field)
    {
        var error = await Assert.ThrowsAsync<InvalidEventException>(() => cluster.Client.GetGrain<IBlendGrain>(key).GetQueueAsync(new BlendRequest()));

        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public async Task A_count_out_of_range_is_rejected_with_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<InvalidEventException>(() => cluster.Blend("x1", "x2").GetQueueAsync(new BlendRequest(0)));

        Assert.Contains(error.Errors, e => e.Field == "count");
    }

    private async Task<string> ListenAsync(string name, params (string Track, string Artist)[][] sessions)
    {
        var script = cluster.Listener(PersonalizationCluster.UniqueUser(name));
        foreach (var songs in sessions) script.CompleteAll(songs);
        await script.SendAsync();
        return script.UserId;
    }

    private static MemberShare Share(BlendQueue queue, string member) => queue.Shares.Single(s => s.UserId == member);
}
