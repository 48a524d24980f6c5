using Personalization.Journal;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class GroupCommitQueueTests
{
    /// <summary>A commit that records its batches and waits, per batch, until the test releases it.</summary>
    private sealed class GatedCommit
    {
        private readonly Queue<TaskCompletionSource> _gates = new();
        private readonly Lock _lock = new();

        public List<int[]> Batches { get; } = [];

        public TaskCompletionSource<bool> FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<int, bool> Fails { get; init; } = _ => false;

        public void Gate()
        {
            lock (_lock) _gates.Enqueue(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        public void ReleaseNext()
        {
            lock (_lock) _gates.Dequeue().SetResult();
        }

        public async Task<string[]> CommitAsync(IReadOnlyList<GroupCommitItem<int>> batch)
        {
            int[] values = [.. batch.Select(b => b.Value)];
            Task gate;
            lock (_lock)
            {
                Batches.Add(values);
                gate = _gates.TryPeek(out var next) ? next.Task : Task.CompletedTask;
            }

            FirstStarted.TrySetResult(true);
            await gate;
            if (values.Any(Fails)) throw new InvalidOperationException($"batch of {values[0]} failed");
            return [.. values.Select(v => $"ok{v}")];
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Items_queued_while_a_batch_commits_form_the_next_batch_and_each_caller_gets_its_own_result(bool offScheduler)
    {
        var commit = new GatedCommit();
        commit.Gate();
        var queue = new GroupCommitQueue<int, string>(commit.CommitAsync, _ => 1, budget: 100, TimeSpan.Zero, offScheduler);

        var first = queue.EnqueueAsync(1);
        await commit.FirstStarted.Task;
        var later = new[] { queue.EnqueueAsync(2), queue.EnqueueAsync(3), queue.EnqueueAsync(4) };
        Assert.False(first.IsCompleted);
        commit.ReleaseNext();

        Assert.Equal("ok1", await first);
        Assert.Equal(["ok2", "ok3", "ok4"], await Task.WhenAll(later));
        await queue.Running;
        Assert.Equal([[1], [2, 3, 4]], commit.Batches);
    }

    [Fact]
    public async Task A_batch_holds_whole_items_up_to_the_budget_and_an_item_larger_than_the_budget_goes_alone()
    {
        var commit = new GatedCommit();
        commit.Gate();
        var queue = new GroupCommitQueue<int, string>(commit.CommitAsync, value => value, budget: 10, TimeSpan.Zero, offScheduler: true);

        var first = queue.EnqueueAsync(1);
        await commit.FirstStarted.Task;
        Task<string>[] rest = [queue.EnqueueAsync(4), queue.EnqueueAsync(5), queue.EnqueueAsync(2), queue.EnqueueAsync(25), queue.EnqueueAsync(3)];
        commit.ReleaseNext();
        await Task.WhenAll([first, .. rest]);

        Assert.Equal([[1], [4, 5], [2], [25], [3]], commit.Batches);
    }

    [Fact]
    public async Task A_failed_commit_fails_exactly_its_own_callers_each_with_its_own_error_and_the_next_batch_still_commits()
    {
        var commit = new GatedCommit { Fails = value => value == 2 };
        commit.Gate();
        var queue = new GroupCommitQueue<int, string>(commit.CommitAsync, value => value, budget: 5, TimeSpan.Zero, offScheduler: false,
            failure: ex => new InvalidOperationException(ex.Message, ex));

        var first = queue.EnqueueAsync(1);
        await commit.FirstStarted.Task;
        var failing = new[] { queue.EnqueueAsync(2), queue.EnqueueAsync(3) };
        var after = queue.EnqueueAsync(4);
        commit.ReleaseNext();

        Assert.Equal("ok1", await first);
        var errors = new List<Exception>();
        foreach (var call in failing) errors.Add(await Assert.ThrowsAsync<InvalidOperationException>(() => call));
        Assert.All(errors, error => Assert.Equal("batch of 2 failed", error.Message));
        Assert.NotSame(errors[0], errors[1]);
        Assert.Same(errors[0].InnerException, errors[1].InnerException);
        Assert.Equal("ok4", await after);
        Assert.Equal([[1], [2, 3], [4]], commit.Batches);
    }

    [Fact]
    public async Task A_commit_that_returns_the_wrong_number_of_results_fails_its_callers_instead_of_answering_them_wrongly()
    {
        var queue = new GroupCommitQueue<int, string>(batch => Task.FromResult(new string[batch.Count - 1]), _ => 1, budget: 10, TimeSpan.Zero, offScheduler: true);

        var calls = new[] { queue.EnqueueAsync(1), queue.EnqueueAsync(2) };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Task.WhenAll(calls));
        Assert.All(calls, call => Assert.True(call.IsFaulted));
    }

    [Fact]
    public async Task The_queue_starts_again_after_it_went_idle_and_many_concurrent_callers_are_each_answered_once()
    {
        var committed = 0;
        var queue = new GroupCommitQueue<int, int>(
            batch =>
            {
                Interlocked.Add(ref committed, batch.Count);
                return Task.FromResult(batch.Select(b => b.Value * 10).ToArray());
            },
            _ => 1, budget: 7, TimeSpan.Zero, offScheduler: true);

        Assert.Equal(10, await queue.EnqueueAsync(1));
        await queue.Running;
        var results = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(() => queue.EnqueueAsync(i))));

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => i * 10), results);
        await queue.Running;
        Assert.Equal(2_001, committed);
    }
}
