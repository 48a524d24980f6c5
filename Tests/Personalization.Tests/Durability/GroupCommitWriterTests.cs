using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Abstractions;
using Personalization.Grains.Journal;

namespace Personalization.Tests.Durability;

/// <summary>The writer's batching and failure isolation, with a scripted storage (no Azurite needed).</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class GroupCommitWriterTests
{
    private static PendingAppend Append(string partition, string user, long first, int count) => new(
        partition,
        Enumerable.Range(0, count)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, JournalKeys.RowKeyOf(user, first + i))))
            .ToArray(),
        first + count - 1);

    /// <summary>
    /// Waits until the scripted storage saw <paramref name="append"/>; fails (rather than hangs) when the writer failed it
    /// before submitting it, which happens only if the writer's loop was not scheduled for a whole commit timeout.
    /// </summary>
    private static async Task SubmittedAsync(TaskCompletionSource started, Task<long> append)
    {
        await Task.WhenAny(started.Task, append).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(started.Task.IsCompleted, $"the append was not submitted: {append.Exception?.InnerException?.Message ?? "still waiting"}");
    }

    [Fact]
    public void Planner_packs_whole_appends_per_partition_and_gives_large_appends_their_own_transactions()
    {
        PendingAppend[] pending =
        [
            Append("p000", "a", 1, 20), Append("p001", "b", 1, 10), Append("p000", "c", 1, 20),
            Append("p000", "c", 1, 20), // c again (a retry meeting its original): same rows may not share a transaction
            Append("p000", "d", 1, 10), Append("p000", "e", 1, 250), Append("p000", "f", 1, 60), Append("p000", "g", 1, 20),
        ];

        var units = BatchPlanner.Plan(pending, 100);

        var shape = units.Select(u => (u.Appends[0].Partition, Users: string.Concat(u.Appends.Select(a => a.Actions[0].Entity.RowKey[0])), Sizes: string.Join('+', u.Transactions.Select(t => t.Count))));
        Assert.Equal([("p000", "ac", "40"), ("p000", "e", "100+100+50"), ("p000", "cdf", "90"), ("p000", "g", "20"), ("p001", "b", "10")], shape);
        Assert.All(units.SelectMany(u => u.Transactions), t => Assert.Single(t.Select(a => a.Entity.PartitionKey).Distinct()));
    }

    [Fact]
    public async Task A_failed_transaction_fails_exactly_its_callers()
    {
        var submitted = new List<int>();
        Task Submit(IReadOnlyList<TableTransactionAction> transaction, CancellationToken _)
        {
            lock (submitted) submitted.Add(transaction.Count);
            return transaction[0].Entity.PartitionKey switch
            {
                "p001" => throw new RequestFailedException(503, "Server busy"),
                "p002" => throw new RequestFailedException(400, "Bad request"),
                _ => Task.CompletedTask,
            };
        }

        var counters = new JournalCounters();
        var options = new JournalOptions { Linger = TimeSpan.FromMilliseconds(20) };
        await using var writer = new GroupCommitWriter(Submit, options, counters, NullLogger.Instance);

        var ok = Enumerable.Range(0, 5).Select(i => writer.EnqueueAsync(Append("p000", $"ok{i}", 1, 2), default)).ToArray();
        var busy = Enumerable.Range(0, 3).Select(i => writer.EnqueueAsync(Append("p001", $"busy{i}", 1, 1), default)).ToArray();
        var bad = writer.EnqueueAsync(Append("p002", "bad", 1, 1), default);

        Assert.Equal(new long[] { 2, 2, 2, 2, 2 }, await Task.WhenAll(ok));
        foreach (var b in busy)
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => b);
            Assert.IsType<RequestFailedException>(error.InnerException);
        }

        Assert.Equal(400, (await Assert.ThrowsAsync<RequestFailedException>(() => bad)).Status);
        Assert.Equal((5L, 10L), (counters.AppendsAcknowledged, counters.EntitiesWritten));
        Assert.InRange(submitted.Count, 3, 9); // 3 when all nine arrive within one linger
        Assert.Equal(4, counters.AppendsFailed);
    }

    [Fact]
    public async Task While_a_partitions_transaction_commits_its_next_appends_wait_and_then_share_one_transaction()
    {
        var sizes = new List<int>();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Submit(IReadOnlyList<TableTransactionAction> transaction, CancellationToken _)
        {
            bool first;
            lock (sizes)
            {
                sizes.Add(transaction.Count);
                first = sizes.Count == 1;
            }

            if (!first) return;
            firstStarted.SetResult();
            await release.Task;
        }

        var options = new JournalOptions { Linger = TimeSpan.Zero };
        await using var writer = new GroupCommitWriter(Submit, options, new JournalCounters(), NullLogger.Instance);
        var head = writer.EnqueueAsync(Append("p000", "head", 1, 1), default);
        await firstStarted.Task;
        var behind = Enumerable.Range(0, 10).Select(i => writer.EnqueueAsync(Append("p000", $"b{i}", 1, 1), default)).ToArray();
        var otherPartition = writer.EnqueueAsync(Append("p001", "other", 1, 1), default);

        Assert.Equal(1, await otherPartition); // other partitions are not held up
        lock (sizes) Assert.Equal([1, 1], sizes);
        Assert.All(behind, t => Assert.False(t.IsCompleted));

        release.SetResult();
        Assert.Equal(1, await head);
        Assert.All(await Task.WhenAll(behind), sequence => Assert.Equal(1, sequence));
        lock (sizes) Assert.Equal([1, 1, 10], sizes);
    }

    [Fact]
    public async Task Disposing_commits_what_is_queued_and_then_refuses_new_appends()
    {
        var commits = 0;
        var options = new JournalOptions { Linger = TimeSpan.FromMilliseconds(50) };
        var writer = new GroupCommitWriter((_, _) => { Interlocked.Increment(ref commits); return Task.CompletedTask; }, options, new JournalCounters(), NullLogger.Instance);
        var queued = Enumerable.Range(0, 10).Select(i => writer.EnqueueAsync(Append("p000", $"u{i}", 1, 1), default)).ToArray();

        await writer.DisposeAsync();

        Assert.All(queued, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.InRange(commits, 1, 10); // 1 when all ten arrive within one linger
        await Assert.ThrowsAsync<StorageUnavailableException>(() => writer.EnqueueAsync(Append("p000", "late", 1, 1), default));
    }

    [Fact]
    public async Task Appends_queued_behind_stuck_slots_for_longer_than_the_commit_timeout_fail_without_being_submitted()
    {
        var submits = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Stuck(IReadOnlyList<TableTransactionAction> _, CancellationToken __)
        {
            Interlocked.Increment(ref submits);
            started.TrySetResult();
            await release.Task; // a storage call that overruns the commit timeout (ignores cancellation)
        }

        // The commit timeout is long enough that the first append reaches storage before it counts as saturated,
        // even when the test host's thread pool is starved by the tests running beside this one.
        var options = new JournalOptions { Linger = TimeSpan.Zero, MaxConcurrentTransactions = 1, CommitTimeout = TimeSpan.FromSeconds(2) };
        await using var writer = new GroupCommitWriter(Stuck, options, new JournalCounters(), NullLogger.Instance);
        var first = writer.EnqueueAsync(Append("p000", "first", 1, 1), default);
        await SubmittedAsync(started, first);
        var queued = writer.EnqueueAsync(Append("p001", "queued", 1, 1), default);
        await Task.Delay(options.CommitTimeout + TimeSpan.FromMilliseconds(100)); // the queued append outwaits the timeout
        release.SetResult();

        Assert.Equal(1, await first);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => queued);
        Assert.Contains("saturated", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, submits);
    }

    [Fact]
    public async Task A_commit_that_never_returns_does_not_hold_its_partition_forever()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submits = 0;
        async Task Submit(IReadOnlyList<TableTransactionAction> _, CancellationToken __)
        {
            if (Interlocked.Increment(ref submits) > 1) return;
            started.SetResult();
            await release.Task; // storage that never answers and ignores cancellation
        }

        var options = new JournalOptions { Linger = TimeSpan.Zero, CommitTimeout = TimeSpan.FromSeconds(1) };
        await using var writer = new GroupCommitWriter(Submit, options, new JournalCounters(), NullLogger.Instance);
        try
        {
            var stuck = writer.EnqueueAsync(Append("p000", "stuck", 1, 1), default);
            await SubmittedAsync(started, stuck);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var behind = writer.EnqueueAsync(Append("p000", "behind", 1, 1), default);

            // Once the stuck commit is overdue, the append behind it is started: it either commits or (having waited
            // longer than the commit timeout) fails as saturated, but it does not wait for the stuck commit.
            await Task.WhenAny(behind, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(behind.IsCompleted, "the append behind a commit that never returns is still waiting");
            Assert.True(behind.IsCompletedSuccessfully || behind.Exception?.InnerException is StorageUnavailableException, $"{behind.Exception}");
            Assert.True(watch.Elapsed >= options.CommitTimeout - TimeSpan.FromMilliseconds(50), $"started after {watch.Elapsed}, before the stuck commit was overdue");
            Assert.Equal(1, await writer.EnqueueAsync(Append("p000", "late", 1, 1), default).WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.False(stuck.IsCompleted);
        }
        finally
        {
            release.TrySetResult(); // lets the stuck commit finish so the writer can be disposed
        }
    }
}
