using Personalization.Abstractions;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class UserGrainTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Batches_are_applied_in_order_with_outcomes_per_track()
    {
        var user = PersonalizationCluster.UniqueUser("order");
        var script = cluster.Listener(user)
            .Play("ord-t1", "ord-a1").Complete("ord-t1", "ord-a1")
            .Play("ord-t2", "ord-a1").SkipAt("ord-t2", "ord-a1", 5_000)
            .Complete("ord-t3", "ord-a2").Like("ord-t3", "ord-a2");

        var result = await script.SendAsync();
        var profile = await cluster.User(user).GetProfileAsync();

        Assert.Equal(6, result.Applied);
        Assert.Equal(6, result.Sequence);
        Assert.Equal(["ord-t1", "ord-t2", "ord-t3"], profile.Session.Tracks.Select(t => t.TrackId));
        Assert.Equal(["completed", "skipped-early", "liked"], profile.Session.Tracks.Select(t => t.Outcome));
        Assert.Equal("ord-a2", profile.TopArtists[0].Id);
        Assert.Equal(1, profile.Counters.EarlySkips);
    }

    [Fact]
    public async Task A_duplicate_event_id_is_acknowledged_but_not_counted_twice()
    {
        var user = PersonalizationCluster.UniqueUser("dup");
        var e = new ListenEvent("dup-e1", "dup-t1", "dup-a1", EventKind.Complete, cluster.Clock.Now.AddMinutes(-5), 200_000, 200_000);

        var first = await cluster.User(user).RecordAsync(e);
        var retry = await cluster.User(user).RecordAsync(e);
        var inBatch = await cluster.User(user).RecordBatchAsync([e, e with { EventId = "dup-e2" }, e with { EventId = "dup-e2" }]);
        var profile = await cluster.User(user).GetProfileAsync();

        Assert.Equal((1, 0), (first.Applied, first.Duplicates));
        Assert.Equal((0, 1), (retry.Applied, retry.Duplicates));
        Assert.Equal((1, 2), (inBatch.Applied, inBatch.Duplicates));
        Assert.Equal(2, profile.Counters.Events);
        Assert.Equal(3, profile.Counters.Duplicates);
    }

    [Fact]
    public async Task A_batch_of_the_largest_accepted_size_sent_again_is_all_duplicates()
    {
        var user = PersonalizationCluster.UniqueUser("bigdup");
        var size = new ValidationLimits().MaxBatchSize;
        var start = cluster.Clock.Now.AddHours(-3);
        var batch = Enumerable.Range(0, size)
            .Select(i => new ListenEvent($"bigdup-e{i}", $"bigdup-t{i % 40}", "bigdup-a1", EventKind.Complete, start.AddSeconds(i * 10), 200_000, 200_000))
            .ToList();

        var first = await cluster.User(user).RecordBatchAsync(batch);
        var retry = await cluster.User(user).RecordBatchAsync(batch); // its acknowledgement was lost: the gateway sends it again
        var profile = await cluster.User(user).GetProfileAsync();

        Assert.Equal((size, 0), (first.Applied, first.Duplicates));
        Assert.Equal((0, size), (retry.Applied, retry.Duplicates));
        Assert.Equal(first.Sequence, retry.Sequence);
        Assert.Equal(size, profile.Counters.Events);
    }

    [Fact]
    public async Task An_invalid_batch_is_rejected_with_a_typed_error_naming_the_field_and_changes_nothing()
    {
        var user = PersonalizationCluster.UniqueUser("invalid");
        await cluster.Listener(user).Complete("inv-t1", "inv-a1").SendAsync();
        var before = await cluster.User(user).GetProfileAsync();
        var good = new ListenEvent("inv-e2", "inv-t2", "inv-a1", EventKind.Complete, cluster.Clock.Now, 1000, 1000);
        var bad = good with { EventId = "inv-e3", PositionMs = 5000 };

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => cluster.User(user).RecordBatchAsync([good, bad]));
        var after = await cluster.User(user).GetProfileAsync();

        Assert.Contains(error.Errors, e => e.Field == "events[1].positionMs");
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.Counters, after.Counters);
        Assert.Equal(before.TopTracks, after.TopTracks);
    }

    [Fact]
    public async Task State_survives_deactivation_of_the_grain()
    {
        var user = PersonalizationCluster.UniqueUser("deact");
        await cluster.Listener(user).CompleteAll(("dea-t1", "dea-a1"), ("dea-t2", "dea-a1")).Like("dea-t2", "dea-a1").SendAsync();
        var before = await cluster.User(user).GetProfileAsync();

        await cluster.DeactivateUserAsync(user);
        var after = await cluster.User(user).GetProfileAsync();
        var duplicate = await cluster.User(user).RecordAsync(new ListenEvent("never", "dea-t3", "dea-a1", EventKind.Play, cluster.Clock.Now));

        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.TopArtists, after.TopArtists);
        Assert.Equal(before.TopTracks, after.TopTracks);
        Assert.Equal(before.Session.Tracks, after.Session.Tracks);
        Assert.Equal(before.Sequence + 1, duplicate.Sequence);
    }

    [Fact]
    public async Task Forgetting_a_user_removes_its_state()
    {
        var user = PersonalizationCluster.UniqueUser("forget");
        await cluster.Listener(user).CompleteAll(("fgt-t1", "fgt-a1")).SendAsync();

        await cluster.User(user).ForgetAsync();
        var profile = await cluster.User(user).GetProfileAsync();

        Assert.Equal(0, profile.Sequence);
        Assert.Empty(profile.TopArtists);
        Assert.Empty(profile.Session.Tracks);
    }

    [Fact]
    public async Task Recommend_rejects_a_count_out_of_range()
    {
        var error = await Assert.ThrowsAsync<InvalidEventException>(() => cluster.User(PersonalizationCluster.UniqueUser("count")).RecommendAsync(new RecommendRequest(0)));
        Assert.Contains(error.Errors, e => e.Field == "count");
    }
}
