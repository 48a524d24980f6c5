using System.Diagnostics;
using System.Threading.Channels;

namespace Personalization.Journal;

/// <summary>
/// The journal's one batching primitive (group commit). Callers enqueue items; one loop at a time takes what queued,
/// whole items in arrival order up to <paramref name="budget"/> (always at least one), and commits them together; what
/// arrives meanwhile forms the next batch. The loop starts with the first item and ends when the queue is empty.
/// <para>
/// Used twice: a silo's sender per journal partition (<c>offScheduler</c>: its loop serves every grain of the silo, so it
/// runs on the thread pool) and the partition writer grain (its loop stays on the grain's scheduler).
/// </para>
/// </summary>
/// <param name="commit">
/// Commits a batch and returns one result per item, in order. If it throws, every item of the batch fails.
/// </param>
/// <param name="sizeOf">An item's share of the budget.</param>
/// <param name="budget">What one batch may hold; a larger item goes alone.</param>
/// <param name="linger">How long the loop waits for more items before it takes a batch that is not full.</param>
/// <param name="offScheduler">Whether the loop runs on the thread pool instead of the caller's scheduler.</param>
/// <param name="failure">What each caller of a failed batch gets for the commit's exception: its own object (callers
/// on other threads rethrow it); the exception itself when absent.</param>
public sealed class GroupCommitQueue<TItem, TResult>(
    Func<IReadOnlyList<GroupCommitItem<TItem>>, Task<TResult[]>> commit,
    Func<TItem, long> sizeOf,
    long budget,
    TimeSpan linger,
    bool offScheduler,
    Func<Exception, Exception>? failure = null)
{
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private int _running;
    private Task _loop = Task.CompletedTask;

    /// <summary>The loop now running, or a completed task when the queue is idle (awaited when an owner stops).</summary>
    public Task Running => _loop;

    /// <summary>Queues the item; completes with its result once its batch committed, or fails with the batch.</summary>
    public Task<TResult> EnqueueAsync(TItem item)
    {
        var queued = new Queued(new GroupCommitItem<TItem>(item, sizeOf(item), JournalTracing.CurrentContext));
        if (!_queue.Writer.TryWrite(queued)) throw new InvalidOperationException("The group commit queue is closed.");
        StartIfIdle();
        return queued.Done.Task;
    }

    private void StartIfIdle()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
        _loop = offScheduler ? Task.Run(LoopAsync) : LoopAsync();
    }

    private async Task LoopAsync()
    {
        Activity.Current = null; // the loop serves many callers: each batch is traced by its own span (JournalTracing.StartBatch)
        var full = false;
        while (true)
        {
            if (!full && linger > TimeSpan.Zero) await Task.Delay(linger).ConfigureAwait(!offScheduler);
            var batch = Take(out full);
            if (batch.Count == 0)
            {
                Volatile.Write(ref _running, 0);
                // An item written after the empty take but before the flag was cleared found the loop running: take it now.
                if (!_queue.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _running, 1, 0) != 0) return;
                continue;
            }

            await CommitAsync(batch).ConfigureAwait(!offScheduler);
        }
    }

    /// <summary>Whole items in arrival order up to the budget; <paramref name="full"/>: more are waiting that did not fit.</summary>
    private List<Queued> Take(out bool full)
    {
        var batch = new List<Queued>();
        long size = 0;
        full = false;
        while (_queue.Reader.TryPeek(out var next))
        {
            if (batch.Count > 0 && size + next.Item.Size > budget)
            {
                full = true;
                break;
            }

            _queue.Reader.TryRead(out _);
            batch.Add(next);
            size += next.Item.Size;
        }

        return batch;
    }

    private async Task CommitAsync(List<Queued> batch)
    {
        try
        {
            var results = await commit([.. batch.Select(q => q.Item)]).ConfigureAwait(!offScheduler);
            if (results.Length != batch.Count) throw new InvalidOperationException($"A group commit returned {results.Length} results for {batch.Count} items.");
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            foreach (var queued in batch) queued.Done.TrySetException(failure?.Invoke(ex) ?? ex);
        }
    }

    private sealed class Queued(GroupCommitItem<TItem> item)
    {
        public GroupCommitItem<TItem> Item { get; } = item;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
