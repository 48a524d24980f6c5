using System.Diagnostics;
using System.Threading.Channels;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;

namespace Personalization.Grains.Journal;

/// <summary>
/// The silo's one journal writer. Appends from all grains are queued; a background loop sorts them by partition, waits
/// at most <see cref="JournalOptions.Linger"/> for more (or less, once a partition has a full transaction), plans
/// transactions (<see cref="BatchPlanner"/>) and submits them: at most <see cref="JournalOptions.MaxInFlightPerPartition"/>
/// per partition and <see cref="JournalOptions.MaxConcurrentTransactions"/> in all. While a partition's transaction
/// commits, its next appends wait and form the next transaction, so transactions get larger exactly when load is high
/// (classic group commit: under load, about one transaction per partition per storage round trip).
/// Each caller completes when the transaction holding its rows committed, or fails with that transaction's error
/// (transient ones as <see cref="StorageUnavailableException"/>): callers of other transactions are unaffected.
/// Timing uses real time on purpose: test clusters replace the silo's TimeProvider with a manual clock.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>();
    private readonly Channel<(string Partition, long StartedAt)> _finished = Channel.CreateUnbounded<(string, long)>(); // each finished commit
    private readonly Func<IReadOnlyList<TableTransactionAction>, CancellationToken, Task> _submit;
    private readonly JournalOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Task _loop;
    private int _disposed;

    /// <param name="submit">Commits one entity-group transaction (all rows of one partition); throws if it did not.</param>
    public GroupCommitWriter(
        Func<IReadOnlyList<TableTransactionAction>, CancellationToken, Task> submit, JournalOptions options, JournalCounters counters, ILogger logger)
    {
        _submit = submit;
        _options = options;
        Counters = counters;
        _logger = logger;
        _slots = new SemaphoreSlim(options.MaxConcurrentTransactions, options.MaxConcurrentTransactions);
        _loop = Task.Run(RunAsync);
    }

    public JournalCounters Counters { get; }

    /// <summary>Queues an append; the task completes with its last sequence once committed.</summary>
    public Task<long> EnqueueAsync(PendingAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        if (!_queue.Writer.TryWrite(append))
        {
            return Task.FromException<long>(new StorageUnavailableException("The journal writer is shutting down.", _options.RetryAfter));
        }

        return append.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking appends, commits what is queued and waits for every transaction in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        for (var i = 0; i < _options.MaxConcurrentTransactions; i++) await _slots.WaitAsync().ConfigureAwait(false);
        _slots.Dispose();
    }

    private async Task RunAsync()
    {
        var waiting = new Dictionary<string, List<PendingAppend>>(StringComparer.Ordinal);
        var traffic = new PartitionTraffic(_options.MaxInFlightPerPartition, _options.CommitTimeout);
        while (true)
        {
            try
            {
                var open = Take(waiting, traffic);
                if (!open && waiting.Count == 0 && traffic.IsIdle) return;
                await RoundAsync(waiting, traffic, open).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The loop must outlive any bug: fail what waits (callers get an error, never a hang) and go on.
                _logger.LogError(ex, "Journal writer loop failed; failing {Appends} waiting append(s).", waiting.Values.Sum(l => l.Count));
                foreach (var list in waiting.Values) Fail(new CommitUnit(list.ToArray(), []), ex);
                waiting.Clear();
            }
        }
    }

    private async Task RoundAsync(Dictionary<string, List<PendingAppend>> waiting, PartitionTraffic traffic, bool open)
    {
        if (!AnyReady(waiting, traffic, out var full))
        {
            // Wake for an append, a finished transaction, or a busy partition's commit running overdue.
            await WaitForWorkAsync(open, traffic.UntilNextOverdue(waiting.Keys) is { } due ? due + TimeSpan.FromMilliseconds(1) : null).ConfigureAwait(false);
            return;
        }

        // Linger for more appends unless a transaction is already full (or the linger is off).
        var lingerUntil = Stopwatch.GetTimestamp() + (long)(_options.Linger.TotalSeconds * Stopwatch.Frequency);
        while (open && !full)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), lingerUntil);
            if (left <= TimeSpan.Zero) break;
            await WaitForWorkAsync(open, left).ConfigureAwait(false);
            open = Take(waiting, traffic);
            AnyReady(waiting, traffic, out full);
        }

        await DispatchAsync(waiting, traffic).ConfigureAwait(false);
    }

    /// <summary>Moves queued appends into the per-partition waiting lists and applies finished commits.</summary>
    /// <returns>False once the queue is closed and empty.</returns>
    private bool Take(Dictionary<string, List<PendingAppend>> waiting, PartitionTraffic traffic)
    {
        while (_finished.Reader.TryRead(out var done)) traffic.Finished(done.Partition, done.StartedAt);
        while (_queue.Reader.TryRead(out var append))
        {
            if (!waiting.TryGetValue(append.Partition, out var list)) waiting[append.Partition] = list = [];
            list.Add(append);
        }

        return !_queue.Reader.Completion.IsCompleted;
    }

    /// <summary>Whether some partition with waiting appends may start a transaction, and whether one of those has a full one.</summary>
    private bool AnyReady(Dictionary<string, List<PendingAppend>> waiting, PartitionTraffic traffic, out bool full)
    {
        var any = false;
        full = false;
        foreach (var (partition, list) in waiting)
        {
            if (!traffic.CanStart(partition)) continue;
            any = true;
            if (list.Sum(a => a.Actions.Count) >= _options.MaxBatch) full = true;
        }

        return any;
    }

    /// <summary>Waits until an append arrives or a transaction finishes, or <paramref name="limit"/> passes (no limit: null).</summary>
    private async Task WaitForWorkAsync(bool open, TimeSpan? limit)
    {
        var finished = _finished.Reader.WaitToReadAsync().AsTask();
        Task work = open ? Task.WhenAny(finished, _queue.Reader.WaitToReadAsync().AsTask()) : finished;
        if (limit is { } bound) await Task.WhenAny(work, Task.Delay(bound > TimeSpan.Zero ? bound : TimeSpan.Zero)).ConfigureAwait(false);
        else await work.ConfigureAwait(false);
    }

    /// <summary>
    /// Starts transactions for every partition below its in-flight limit, taking its waiting appends in arrival order;
    /// what does not fit keeps waiting, so a partition's next transaction grows while the previous one commits.
    /// </summary>
    private async Task DispatchAsync(Dictionary<string, List<PendingAppend>> waiting, PartitionTraffic traffic)
    {
        foreach (var partition in waiting.Keys.ToArray())
        {
            if (!traffic.CanStart(partition)) continue;
            List<CommitUnit> units;
            try
            {
                units = BatchPlanner.Plan(waiting[partition], _options.MaxBatch);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Journal writer could not plan {Appends} append(s); failing them.", waiting[partition].Count);
                Fail(new CommitUnit(waiting[partition].ToArray(), []), ex);
                waiting.Remove(partition);
                continue;
            }

            var started = 0;
            for (; started < units.Count && traffic.CanStart(partition); started++)
            {
                await _slots.WaitAsync().ConfigureAwait(false);
                _ = CommitAsync(units[started], partition, traffic.Started(partition));
            }

            var rest = units.Skip(started).SelectMany(u => u.Appends).ToList();
            if (rest.Count == 0) waiting.Remove(partition);
            else waiting[partition] = rest;
        }
    }

    private async Task CommitAsync(CommitUnit unit, string partition, long startedAt)
    {
        try
        {
            // Appends that waited for a slot longer than a commit may take (storage hung, every slot stuck) fail
            // without being submitted, so that a caller's wait stays bounded by about twice the commit timeout.
            if (unit.Appends.Any(a => Stopwatch.GetElapsedTime(a.QueuedAt) > _options.CommitTimeout))
            {
                Fail(unit, new StorageUnavailableException(
                    $"Journal storage is saturated: appends waited over {_options.CommitTimeout.TotalSeconds:0.###} s to be submitted.", _options.RetryAfter));
                return;
            }

            var appends = unit.Appends.ToList();
            foreach (var transaction in unit.Transactions)
            {
                await SubmitFencedAsync(transaction, appends).ConfigureAwait(false);
            }

            foreach (var append in appends)
            {
                Counters.AppendAcknowledged();
                append.Completion.TrySetResult(append.LastSequence);
            }
        }
        catch (Exception ex)
        {
            Counters.TransactionFailed();
            _logger.LogWarning(ex, "Journal transaction for {Appends} append(s) failed; failing exactly those callers.", unit.Appends.Count);
            Fail(unit with { Appends = [.. unit.Appends.Where(a => !a.Completion.Task.IsCompleted)] }, ex);
        }
        finally
        {
            _slots.Release();
            _finished.Writer.TryWrite((partition, startedAt));
        }
    }

    private void Fail(CommitUnit unit, Exception error)
    {
        foreach (var append in unit.Appends)
        {
            Counters.AppendFailed();
            append.Completion.TrySetException(StorageErrors.Translate(error, "append", _options.RetryAfter)); // one instance per caller
        }
    }

    /// <summary>
    /// Submits a transaction; when one append's row is taken by another writer, fails exactly that append (removing it
    /// from <paramref name="appends"/>) and submits the rest of the transaction again.
    /// </summary>
    private async Task SubmitFencedAsync(IReadOnlyList<TableTransactionAction> transaction, List<PendingAppend> appends)
    {
        var actions = transaction;
        while (actions.Count > 0)
        {
            Counters.TransactionSubmitted();
            try
            {
                await SubmitAsync(actions).ConfigureAwait(false);
                Counters.TransactionCommitted(actions.Count);
                return;
            }
            catch (JournalConflictException conflict) when (appends.Find(a => a.Actions.Any(x => x.Entity.RowKey == conflict.RowKey)) is { } loser)
            {
                Counters.TransactionFailed();
                Counters.AppendFailed();
                appends.Remove(loser);
                loser.Completion.TrySetException(new JournalConflictException(conflict.Message, conflict) { RowKey = conflict.RowKey });
                var lost = loser.Actions.ToHashSet();
                actions = [.. actions.Where(a => !lost.Contains(a))];
            }
        }
    }

    private async Task SubmitAsync(IReadOnlyList<TableTransactionAction> transaction)
    {
        using var timeout = new CancellationTokenSource(_options.CommitTimeout);
        try
        {
            await _submit(transaction, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new StorageUnavailableException(
                $"Journal storage did not commit within {_options.CommitTimeout.TotalSeconds:0.###} s.", _options.RetryAfter, ex);
        }
    }
}
