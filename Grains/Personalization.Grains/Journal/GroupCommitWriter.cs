using System.Diagnostics;
using System.Threading.Channels;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;

namespace Personalization.Grains.Journal;

/// <summary>
/// The silo's one journal writer. Appends from all grains are queued; a background loop takes what is pending, waits
/// at most <see cref="JournalOptions.Linger"/> for more (or less, once a partition has a full transaction), plans
/// transactions (<see cref="BatchPlanner"/>) and submits them, up to <see cref="JournalOptions.MaxConcurrentTransactions"/>
/// at once. When all slots are busy the queue grows, so transactions get larger exactly when load is high.
/// Each caller completes when the transaction holding its rows committed, or fails with that transaction's error
/// (transient ones as <see cref="StorageUnavailableException"/>): callers of other transactions are unaffected.
/// Timing uses real time on purpose: test clusters replace the silo's TimeProvider with a manual clock.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
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
        var round = new List<PendingAppend>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await CollectAsync(reader, round).ConfigureAwait(false);
            List<CommitUnit> units;
            try
            {
                units = BatchPlanner.Plan(round, _options.MaxBatch);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Journal writer could not plan {Appends} append(s); failing them.", round.Count);
                Fail(new CommitUnit(round.ToArray(), []), ex);
                round.Clear();
                continue;
            }

            foreach (var unit in units)
            {
                await _slots.WaitAsync().ConfigureAwait(false);
                _ = CommitAsync(unit);
            }

            round.Clear();
        }
    }

    /// <summary>Takes what is queued, then lingers for more until the linger expires or a partition fills a transaction.</summary>
    private async Task CollectAsync(ChannelReader<PendingAppend> reader, List<PendingAppend> round)
    {
        var perPartition = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Drain(reader, round, perPartition) || _options.Linger <= TimeSpan.Zero) return;
        using var linger = new CancellationTokenSource(_options.Linger);
        try
        {
            while (await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
            {
                if (Drain(reader, round, perPartition)) return;
            }
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested)
        {
            // The linger expired: submit what we have.
        }
    }

    /// <returns>True once some partition has a full transaction pending.</returns>
    private bool Drain(ChannelReader<PendingAppend> reader, List<PendingAppend> round, Dictionary<string, int> perPartition)
    {
        while (reader.TryRead(out var append))
        {
            round.Add(append);
            perPartition.TryGetValue(append.Partition, out var count);
            count += append.Actions.Count;
            perPartition[append.Partition] = count;
            if (count >= _options.MaxBatch) return true;
        }

        return false;
    }

    private async Task CommitAsync(CommitUnit unit)
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
