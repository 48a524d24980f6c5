using Personalization.Abstractions.Blend;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Kit;

/// <summary>
/// docs/listener-contract.md, one test per row: what a listener can rely on within a session, checked on a real
/// cluster with the kit's contract assertions. Each test teaches its own catalogue (ids carry a unique prefix).
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Contract")]
[Trait("Requires", "None")]
public sealed class ListenerContractTests(PersonalizationCluster cluster)
{
    private const int SkipPositionMs = 5_000; // well before 30 % of a track: an early skip

    [Fact]
    public async Task An_early_skipped_track_does_not_come_back_in_the_same_session()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("c-skip"));
        await music.TeachAsync("x", "y", "z");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("y", 0, 1)).Complete(music.Track("x", 0), music.Artist("x"))
            .SkipAt(music.Track("x", 1), music.Artist("x"), SkipPositionMs)
            .SkipAt(music.Track("x", 2), music.Artist("x"), SkipPositionMs)
            .SendAsync();

        (await me.RecommendAsync(50)).ShouldNotContainTracks(music.Track("x", 1), music.Track("x", 2));

        await me.CompleteAll(music.Songs("z", 0, 1)).SendAsync(); // later in the same session
        (await me.RecommendAsync(50)).ShouldNotContainTracks(music.Track("x", 1), music.Track("x", 2));
    }

    [Fact]
    public async Task After_two_early_skips_of_an_artist_it_has_at_most_two_of_the_top_ten_for_the_rest_of_the_session()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("c-artist"));
        await music.TeachAsync("x", "y", "z");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("y", 0, 1)).Complete(music.Track("x", 0), music.Artist("x"))
            .SkipAt(music.Track("x", 1), music.Artist("x"), SkipPositionMs)
            .SkipAt(music.Track("x", 2), music.Artist("x"), SkipPositionMs)
            .SendAsync();

        (await me.RecommendAsync(10)).ShouldHaveAtMostByArtistWithinTop(music.Artist("x"), 2, 10);

        await me.CompleteAll(music.Songs("y", 2)).CompleteAll(music.Songs("z", 0)).SendAsync(); // later in the same session
        (await me.RecommendAsync(10)).ShouldHaveAtMostByArtistWithinTop(music.Artist("x"), 2, 10);
    }

    [Fact]
    public async Task A_disliked_artist_is_gone_everywhere_blend_and_discovery_included()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("c-dislike"));
        await music.TeachAsync("x", "y", "z");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("x", 0, 1)).CompleteAll(music.Songs("y", 0, 1))
            .Dislike(music.Track("x", 2), music.Artist("x"))
            .SendAsync();
        var friend = cluster.Listener(PersonalizationCluster.UniqueUser("friend"));
        await friend.CompleteAll(music.Songs("x", 0, 1, 2, 3)).CompleteAll(music.Songs("z", 0)).SendAsync();

        (await me.ProfileAsync()).ShouldDislikeArtist(music.Artist("x"));
        (await me.RecommendAsync(50)).ShouldNotRecommendArtists([music.Artist("x")]);
        (await me.DiscoverAsync(50)).ShouldNotRecommendArtists([music.Artist("x")]);
        (await cluster.Blend(me.UserId, friend.UserId).GetQueueAsync(new BlendRequest(20))).ShouldNotContainArtists(music.Artist("x"));
    }

    [Fact]
    public async Task A_liked_track_can_come_back_but_not_within_the_next_three_items()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("c-like"));
        await music.TeachAsync("x", "y", "z");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        var liked = music.Track("y", 1);
        // A listener on repeat (each track played twice in a row) likes the track playing.
        Replay(Replay(me, music.Song("y", 0)), music.Song("y", 2));
        await me.Play(liked, music.Artist("y")).Like(liked, music.Artist("y")).Complete(liked, music.Artist("y"))
            .SendAsync();

        (await me.RecommendAsync(10)).ShouldNotContainTrackWithinTop(liked, 3);

        await me.CompleteAll(music.Songs("z", 0, 1, 2)).SendAsync(); // three more listens in the same session
        (await me.RecommendAsync(50)).ShouldContainTrackWithinTop(liked, 50);
    }

    [Fact]
    public async Task A_repeat_of_a_completed_track_is_allowed_and_labelled()
    {
        var music = new Catalogue(cluster, PersonalizationCluster.UniqueUser("c-repeat"));
        await music.TeachAsync("x", "y");
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(music.Songs("y", 0, 1, 2)).SendAsync();

        (await me.RecommendAsync(10)).ShouldLabelRepeatsOf(music.Track("y", 0), music.Track("y", 1), music.Track("y", 2));
    }

    /// <summary>Completes a track, then plays it again to the end (a replay: a new step of the session).</summary>
    private static ListenerScript Replay(ListenerScript script, (string Track, string Artist) song) =>
        script.Complete(song.Track, song.Artist).Play(song.Track, song.Artist).Complete(song.Track, song.Artist);
}
