using Personalization.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;
using static Personalization.Tests.Durability.PartitionWriterRig;

namespace Personalization.Tests.Durability;

/// <summary>The partition writer's commit of a batch, without a cluster (<see cref="PartitionWriterRig"/>).</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class SegmentCommitterTests
{
    private const JournalAppendOutcome Committed = JournalAppendOutcome.Committed;
    private const JournalAppendOutcome Conflict = JournalAppendOutcome.Conflict;

    [Fact]
    public async Task A_call_repeated_after_its_answer_was_lost_counts_as_committed_once_and_other_entries_at_its_sequence_are_a_conflict()
    {
        using var rig = new PartitionWriterRig();
        Assert.Equal([[Committed]], await rig.CommitAsync([Append("a", 1, "e1", "e2")]));

        var again = await rig.CommitAsync([Append("a", 1, "e1", "e2")], [Append("a", 2, "e2")], [Append("a", 1, "other")]);

        Assert.Equal([[Committed], [Committed], [Conflict]], again);
        Assert.Equal(1, rig.Store.Inserts); // nothing new was stored
        Assert.Equal(["e1", "e2"], (await rig.StoredEntriesAsync()).Select(e => e.Event));
    }

    [Fact]
    public async Task A_copy_of_a_call_waiting_in_the_same_batch_shares_its_outcome_and_is_stored_once()
    {
        using var rig = new PartitionWriterRig();
        rig.Snapshots.Sequences["b"] = 4;

        var outcomes = await rig.CommitAsync([Append("a", 1, "e1"), Append("b", 1, "old")], [Append("a", 1, "e1"), Append("b", 1, "old")]);

        Assert.Equal([[Committed, Conflict], [Committed, Conflict]], outcomes);
        Assert.Equal([("a", 1L)], (await rig.StoredEntriesAsync()).Select(e => (e.UserId, e.Sequence)));
        Assert.False(rig.Segments.Index.IsVerified("b")); // refused: its snapshot is read again next time
        Assert.True(rig.Segments.Index.IsVerified("a"));
    }

    [Fact]
    public async Task When_another_writer_stored_the_next_segment_first_it_is_absorbed_and_the_batch_is_planned_again()
    {
        using var rig = new PartitionWriterRig();
        rig.Store.BeforeInsert = async (partition, number) =>
        {
            rig.Store.BeforeInsert = null;
            var theirs = new[] { new SegmentEntry("a", 1, "theirs") };
            await rig.Store.Stored.InsertAsync(partition, number, SegmentFormat.Encode(theirs));
        };

        var outcomes = await rig.CommitAsync([Append("a", 1, "mine")], [Append("b", 1, "b1")]);

        Assert.Equal([[Conflict], [Committed]], outcomes);
        var segments = await rig.Store.SegmentsAsync(Partition);
        Assert.Equal([1L, 2L], segments.Select(s => s.Number));
        Assert.Equal([("b", 1L, "b1")], segments[1].Entries.Select(e => (e.UserId, e.Sequence, e.Event)));
        Assert.Equal(1, rig.Segments.Index.LastOf("a"));
        Assert.Equal(2, rig.Counters.Transactions);
        Assert.Equal(1, rig.Counters.FailedTransactions);
    }

    [Fact]
    public async Task A_segment_number_that_stays_taken_fails_the_batch_after_the_last_attempt()
    {
        using var rig = new PartitionWriterRig();
        rig.Store.InsertFailure = number => new SegmentTakenException($"segment {number} taken");
        rig.Store.ReadsNothing = true; // and vanished each time it is read

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => rig.CommitAsync([Append("a", 1, "e1")]));

        Assert.Contains($"after {SegmentCommitter.MaxInsertAttempts} attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(SegmentCommitter.MaxInsertAttempts, rig.Store.Inserts);
        Assert.False(rig.Settler.Pending); // a refused insert is not one that may land later
    }

    [Fact]
    public async Task After_a_failed_insert_the_next_commit_first_settles_its_number_with_an_empty_segment()
    {
        using var rig = new PartitionWriterRig();
        rig.Store.InsertFailure = number => number == 1 ? new IOException("connection reset") : null;

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => rig.CommitAsync([Append("a", 1, "lost")]));
        Assert.IsType<IOException>(error.InnerException);
        Assert.True(rig.Settler.Pending);
        rig.Store.InsertFailure = _ => null;
        IReadOnlyList<StoredSegment> beforeSecond = [];
        rig.Store.BeforeInsert = async (partition, number) =>
        {
            if (number == 2) beforeSecond = await rig.Store.SegmentsAsync(partition);
        };
        var again = await rig.CommitAsync([Append("a", 1, "again")]);

        Assert.Equal([[Committed]], again);
        Assert.False(rig.Settler.Pending);
        Assert.Empty(Assert.Single(beforeSecond, s => s.Number == 1).Entries); // the lost insert can never land at its number now
        await rig.Janitor.Deleting; // the empty segment holds nothing uncovered: deleted
        Assert.Equal([(2L, "again")], (await rig.Store.SegmentsAsync(Partition)).SelectMany(s => s.Entries.Select(e => (s.Number, e.Event))));
    }

    [Fact]
    public async Task A_failed_insert_that_landed_is_absorbed_when_its_number_is_settled_before_a_read()
    {
        using var rig = new PartitionWriterRig();
        rig.Store.InsertFailure = _ => new TimeoutException("no answer");
        rig.Store.FailedInsertLands = true;
        await Assert.ThrowsAsync<StorageUnavailableException>(() => rig.CommitAsync([Append("a", 1, "landed")]));
        Assert.Empty(await rig.Segments.TailAsync("a", 0)); // not known before settling

        await rig.Settler.SettleAsync();

        Assert.False(rig.Settler.Pending);
        Assert.Equal(["landed"], (await rig.Segments.TailAsync("a", 0)).Values);
        Assert.Equal(1, rig.Segments.Index.Highest);
    }

    [Fact]
    public async Task Calls_queued_while_a_segment_is_stored_form_the_next_segment_and_each_caller_gets_its_own_outcomes()
    {
        using var rig = new PartitionWriterRig();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstInsert = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Store.BeforeInsert = async (_, number) =>
        {
            if (number != 1) return;
            firstInsert.SetResult();
            await gate.Task;
        };

        var first = rig.Appends.EnqueueAsync([Append("a", 1, "a1")]);
        await firstInsert.Task;
        var later = new[] { rig.Appends.EnqueueAsync([Append("b", 1, "b1"), Append("a", 2, "a2")]), rig.Appends.EnqueueAsync([Append("c", 5, "c5")]) };
        gate.SetResult();

        Assert.Equal([Committed], await first);
        Assert.Equal([[Committed, Committed], [Conflict]], await Task.WhenAll(later));
        await rig.Appends.Running;
        var segments = await rig.Store.SegmentsAsync(Partition);
        Assert.Equal([["a1"], ["b1", "a2"]], segments.Select(s => s.Entries.Select(e => e.Event).ToArray()));
    }

    [Fact]
    public void A_calls_share_of_the_segment_budget_is_its_encoded_entry_text()
    {
        JournalAppendRecord[] call = [Append("ab", 1, "xyz", "12345"), Append("c", 1, "")];

        Assert.Equal(SegmentFormat.EncodedLength("ab", "xyz") + SegmentFormat.EncodedLength("ab", "12345") + SegmentFormat.EncodedLength("c", ""), SegmentCommitter.CharsOf(call));
    }
}
