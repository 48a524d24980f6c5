using Personalization.Abstractions;
using Personalization.Journal;
using static Personalization.Tests.Durability.PartitionWriterRig;

namespace Personalization.Tests.Durability;

/// <summary>Deleting covered segments, forgetting a user and verifying users, without a cluster (<see cref="PartitionWriterRig"/>).</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class SegmentJanitorTests
{
    [Fact]
    public async Task Covered_segments_are_deleted_except_the_highest_and_a_failed_delete_is_tried_again_by_the_next_schedule()
    {
        using var rig = new PartitionWriterRig();
        await rig.CommitAsync([Append("a", 1, "a1")]);
        await rig.CommitAsync([Append("b", 1, "b1")]);
        rig.Store.DeleteFailure = new IOException("storage away");

        rig.Segments.Index.Cover("a", 1);
        rig.Segments.Index.Cover("b", 1);
        rig.Janitor.Schedule();
        await rig.Janitor.Deleting;
        Assert.Equal([1L, 2L], (await rig.Store.SegmentsAsync(Partition)).Select(s => s.Number));

        rig.Store.DeleteFailure = null;
        rig.Janitor.Schedule();
        await rig.Janitor.Deleting;

        Assert.Equal([2L], (await rig.Store.SegmentsAsync(Partition)).Select(s => s.Number)); // the highest stays: numbering continues there
        Assert.Equal(1, rig.Segments.Index.SegmentCount);
    }

    [Fact]
    public async Task A_forget_rewrites_the_users_segments_without_it_and_no_delete_starts_until_it_is_done()
    {
        using var rig = new PartitionWriterRig();
        await rig.CommitAsync([Append("gone", 1, "g1"), Append("b", 1, "b1")]);
        await rig.CommitAsync([Append("c", 1, "c1")]);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Store.RewriteGate = gate.Task;

        var forget = rig.Forgetter.ForgetAsync("gone");
        await rig.Store.RewriteStarted.Task;
        rig.Segments.Index.Cover("b", 1); // segment 1 now holds no uncovered entry but the forgotten user's
        rig.Segments.Index.Cover("gone", 1);
        rig.Janitor.Schedule();
        var heldBack = (await rig.Store.SegmentsAsync(Partition)).Select(s => s.Number).ToList();
        gate.SetResult();
        await forget;
        await rig.Janitor.Deleting;

        Assert.Equal([1L, 2L], heldBack);
        Assert.Equal([2L], (await rig.Store.SegmentsAsync(Partition)).Select(s => s.Number));
        Assert.Equal(0, rig.Store.Stored.CountOf("gone"));
        Assert.Equal(0, rig.Segments.Index.LastOf("gone")); // its log starts again at 1
        Assert.Equal([[JournalAppendOutcome.Committed]], await rig.CommitAsync([Append("gone", 1, "new")]));
    }

    [Fact]
    public async Task A_user_is_verified_once_through_its_snapshot_and_an_unreadable_snapshot_fails_as_storage_unavailable()
    {
        using var rig = new PartitionWriterRig();
        rig.Snapshots.Sequences["a"] = 7;
        rig.Snapshots.Failing.Add("x");

        await rig.Verifier.VerifyAsync(["a"]);
        var outcomes = await rig.CommitAsync([Append("a", 8, "a8")], [Append("a", 9, "a9")]);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => rig.CommitAsync([Append("x", 1, "x1")]));

        Assert.Equal([[JournalAppendOutcome.Committed], [JournalAppendOutcome.Committed]], outcomes);
        Assert.Equal(7, rig.Segments.Index.CoveredOf("a"));
        Assert.Contains("could not read a listener's snapshot: snapshot of x unreadable", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, rig.Snapshots.Reads); // a once, x once
        Assert.Equal(0, rig.Store.Stored.CountOf("x"));
    }
}
