using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Personalization.Abstractions;
using Personalization.Journal;

namespace Personalization.Journal.Segments;

/// <summary>
/// The single writer of one journal partition (README.md, "Segment layout"). Appends queue up while a segment
/// is being stored and form the next one (group commit at the partition); each is checked against the user's last
/// committed sequence (<see cref="SegmentIndex.Plan"/>), so a duplicate activation of a user is refused here. A duplicate of this grain (a membership change) is fenced by
/// the segment numbers: both write insert-if-absent at the next number, the loser reads the winner's segment, absorbs
/// it and plans again. A failed insert may still have landed: before anything else the number is settled by writing
/// an empty segment there (or reading what landed). Reentrant: tails are served while a segment commits.
/// </summary>
[Reentrant, KeepAlive, RandomPlacement]
public sealed partial class JournalPartitionGrain(
    ISegmentStore table,
    IOptions<JournalOptions> options,
    JournalCounters counters,
    LocalJournalWriters local,
    IListenerSnapshots snapshots,
    ILogger<JournalPartitionGrain> logger) : Grain, IJournalPartitionGrain, IDisposable
{
    private readonly JournalOptions _options = options.Value;
    private readonly SegmentIndex _index = new();
    private readonly SegmentCache _cache = new(options.Value.SegmentCacheChars);
    private readonly SemaphoreSlim _writes = new(1, 1); // segment inserts, settling and rewrites: one at a time
    private readonly List<PendingCall> _waiting = [];
    private Task _writer = Task.CompletedTask;
    private Task _deleting = Task.CompletedTask;
    private bool _writing;
    private bool _forgetting;
    private bool _deleteRunning;
    private long? _unsettled;

    /// <summary>Inserts of one batch (each collision with another writer's segment costs one) before its callers are failed.</summary>
    private const int MaxInsertAttempts = 16;

    private int Partition => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo that shuts down hosts no writer: the caller repeats the call, and it is placed elsewhere.
        if (local.Stopping) throw new JournalWriterMovingException($"Journal partition {Partition} does not start on a silo that shuts down.");
        var segments = 0;
        try
        {
            await foreach (var segment in table.ScanAsync(Partition, cancellationToken))
            {
                var entries = segment.Entries.ToList();
                _index.Absorb(segment.Number, segment.Parts.Count, entries);
                _cache.Add(segment.Number, entries);
                segments++;
            }
        }
        catch (Exception ex) when (StorageErrors.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw StorageErrors.Translate(ex, "load partition", _options.RetryAfter);
        }

        local.Started(Partition);
        Report();
        LogLoaded(Partition, segments, _index.LiveEntries, _index.Highest);
        ScheduleDeletes();
        if (_options.SweepInterval != Timeout.InfiniteTimeSpan)
        {
            this.RegisterGrainTimer(token => SweepAsync(token), new GrainTimerCreationOptions(_options.SweepInterval, _options.SweepInterval) { Interleave = true });
        }
    }

    /// <summary>
    /// Lets a segment being stored finish (bounded): its callers then get their answer. Whatever is still queued fails
    /// or times out for its callers, who send it again to the next activation (a repeated append counts once).
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_writer, _deleting).WaitAsync(_options.CommitTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogDeactivatedBusy(Partition, reason.Description);
        }
        finally
        {
            local.Stopped(Partition);
        }
    }

    Task IJournalPartitionGrain.StepDownAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public void Dispose() => _writes.Dispose();

    async Task<JournalAppendOutcome[]> IJournalPartitionGrain.AppendAsync(JournalAppendRecord[] appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        foreach (var append in appends)
        {
            JournalKeys.ValidateUserId(append.UserId);
            if (append.FirstSequence < 1 || append.Events is not { Length: > 0 }) throw new ArgumentException("An append needs at least one entry from sequence 1 on.", nameof(appends));
        }

        var call = new PendingCall(appends);
        _waiting.Add(call);
        if (!_writing)
        {
            _writing = true;
            _writer = WriteLoopAsync();
        }

        return await call.Completion.Task;
    }

    async Task<JournalTailRecord> IJournalPartitionGrain.ReadTailAsync(string userId, long afterSequence)
    {
        JournalKeys.ValidateUserId(userId);
        if (_unsettled is not null) await SettleAsync(); // a read must see whatever a failed insert may have stored
        // A writer that has not verified the user yet (e.g. it started after the user's last cover) reads the stored
        // snapshot first, so a reader holding an older snapshot learns that its entries are gone (CoveredThrough).
        if (!_index.IsVerified(userId))
        {
            await VerifyAsync([userId]);
            ScheduleDeletes();
        }

        var found = await TailAsync(userId, afterSequence);
        return new JournalTailRecord([.. found.Keys], [.. found.Values], _index.CoveredOf(userId));
    }

    /// <summary>The user's known uncovered entries after <paramref name="afterSequence"/>: from the cache, else read.</summary>
    private async Task<SortedDictionary<long, string>> TailAsync(string userId, long afterSequence)
    {
        var found = new SortedDictionary<long, string>();
        foreach (var number in _index.SegmentsAfter(userId, afterSequence))
        {
            if (!_cache.TryGet(number, out var entries))
            {
                var stored = await table.ReadAsync(Partition, number);
                if (stored is null) continue; // deleted since: covered by a snapshot
                entries = [.. stored.Entries];
                _cache.Add(number, entries);
            }

            foreach (var entry in entries)
            {
                if (entry.Sequence > afterSequence && string.Equals(entry.UserId, userId, StringComparison.Ordinal)) found.TryAdd(entry.Sequence, entry.Event);
            }
        }

        return found;
    }

    /// <summary>Whether exactly these entries are already committed: a call repeated after its answer was lost.</summary>
    private async Task<bool> IsStoredAsync(JournalAppendRecord append)
    {
        if (append.FirstSequence + append.Events.Length - 1 > _index.LastOf(append.UserId)) return false;
        var stored = await TailAsync(append.UserId, append.FirstSequence - 1);
        for (var k = 0; k < append.Events.Length; k++)
        {
            if (!stored.TryGetValue(append.FirstSequence + k, out var text) || !string.Equals(text, append.Events[k], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    Task IJournalPartitionGrain.CoverAsync(string userId, long throughSequence)
    {
        JournalKeys.ValidateUserId(userId);
        _index.Cover(userId, throughSequence);
        ScheduleDeletes();
        Report();
        return Task.CompletedTask;
    }

    async Task IJournalPartitionGrain.ForgetAsync(string userId)
    {
        JournalKeys.ValidateUserId(userId);
        await _writes.WaitAsync();
        _forgetting = true; // no deletes meanwhile: a rewrite must not bring back a segment deleted under it
        try
        {
            await _deleting;

            // Covered entries are not indexed: read every segment and rewrite those that hold the user (same part count,
            // so the index's part counts stay right). Bounded: the writer's appends wait meanwhile.
            using var timeout = new CancellationTokenSource(_options.CommitTimeout * 3);
            await foreach (var segment in table.ScanAsync(Partition, timeout.Token))
            {
                var entries = segment.Entries.ToList();
                var kept = entries.Where(e => !string.Equals(e.UserId, userId, StringComparison.Ordinal)).ToList();
                if (kept.Count == entries.Count) continue;
                var parts = SegmentFormat.Encode(kept).ToList();
                while (parts.Count < segment.Parts.Count) parts.Add(SegmentFormat.Encode([])[0]);
                await table.RewriteAsync(Partition, segment.Number, segment.Parts.Count, parts);
                _cache.Remove(segment.Number);
            }

            _index.Forget(userId);
            Report();
        }
        catch (Exception ex) when (StorageErrors.IsTransient(ex))
        {
            throw StorageErrors.Translate(ex, "forget", _options.RetryAfter); // a timeout (cancellation) is transient too
        }
        finally
        {
            _forgetting = false;
            _writes.Release();
            ScheduleDeletes();
        }
    }

    Task<int> IJournalPartitionGrain.SweepAsync() => SweepAsync(CancellationToken.None);

    async Task<JournalPartitionStatus> IJournalPartitionGrain.GetStatusAsync()
    {
        await _deleting;
        ScheduleDeletes(); // what became deletable while a forget held them back
        await _deleting;
        return new JournalPartitionStatus(_index.Highest, _index.SegmentCount, _index.LiveEntries, _index.UserCount);
    }

    private async Task WriteLoopAsync()
    {
        Activity.Current = null; // each segment commit is traced by its batch span (JournalTracing.StartBatch), not by the call that started the loop
        try
        {
            while (_waiting.Count > 0)
            {
                var batch = TakeBatch();
                try
                {
                    await _writes.WaitAsync();
                    try
                    {
                        await CommitAsync(batch);
                    }
                    finally
                    {
                        _writes.Release();
                    }
                }
                catch (Exception ex)
                {
                    LogCommitFailed(ex, Partition, batch.Sum(c => c.Appends.Length));
                    foreach (var call in batch) call.Completion.TrySetException(StorageErrors.Translate(ex, "append", _options.RetryAfter));
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>Whole calls in arrival order, up to one segment's worth of entry text (always at least one call).</summary>
    private List<PendingCall> TakeBatch()
    {
        var batch = new List<PendingCall>();
        long chars = 0;
        var taken = 0;
        while (taken < _waiting.Count)
        {
            var size = _waiting[taken].Chars;
            if (batch.Count > 0 && chars + size > JournalOptions.SegmentBudgetChars) break;
            batch.Add(_waiting[taken]);
            chars += size;
            taken++;
        }

        _waiting.RemoveRange(0, taken);
        return batch;
    }

    private async Task CommitAsync(List<PendingCall> batch)
    {
        var appends = batch.SelectMany(c => c.Appends).ToList();
        using var span = JournalTracing.StartBatch(JournalTracing.SegmentCommit, batch.Select(c => c.Trace), appends.Count);
        span?.SetTag("journal.partition", Partition);
        await SettleLockedAsync();
        await VerifyAsync([.. appends.Select(a => a.UserId).Distinct(StringComparer.Ordinal).Where(u => !_index.IsVerified(u))]);

        // A repeated call (its first answer lost in a membership change) finds its entries stored: committed, not a
        // conflict. Its copy may also still be waiting in this very batch: then it shares that copy's outcome.
        var repeated = new bool[appends.Count];
        var copyOf = new int[appends.Count];
        var firstCopies = new Dictionary<(string, long), int>();
        for (var i = 0; i < appends.Count; i++)
        {
            copyOf[i] = -1;
            if (firstCopies.TryGetValue((appends[i].UserId, appends[i].FirstSequence), out var earlier) && appends[earlier].Events.SequenceEqual(appends[i].Events)) copyOf[i] = earlier;
            else firstCopies.TryAdd((appends[i].UserId, appends[i].FirstSequence), i);
            if (copyOf[i] < 0 && appends[i].FirstSequence <= _index.LastOf(appends[i].UserId)) repeated[i] = await IsStoredAsync(appends[i]);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (attempt > MaxInsertAttempts) throw new StorageUnavailableException($"Journal partition {Partition}: the next segment number stayed taken after {MaxInsertAttempts} attempts.", _options.RetryAfter);
            var fresh = appends.Where((_, i) => !repeated[i] && copyOf[i] < 0).ToList();
            var planned = _index.Plan(fresh);
            var outcomes = new JournalAppendOutcome[appends.Count];
            for (int i = 0, k = 0; i < appends.Count; i++)
            {
                outcomes[i] = repeated[i] ? JournalAppendOutcome.Committed : copyOf[i] >= 0 ? outcomes[copyOf[i]] : planned[k++];
            }

            var entries = new List<SegmentEntry>();
            for (var i = 0; i < appends.Count; i++)
            {
                if (repeated[i] || copyOf[i] >= 0 || outcomes[i] != JournalAppendOutcome.Committed) continue;
                for (var k = 0; k < appends[i].Events.Length; k++) entries.Add(new SegmentEntry(appends[i].UserId, appends[i].FirstSequence + k, appends[i].Events[k]));
            }

            if (entries.Count == 0)
            {
                Complete(batch, appends, outcomes);
                return;
            }

            var parts = SegmentFormat.Encode(entries);
            if (parts.Count > SegmentFormat.MaxParts) throw new ArgumentException($"An append of {entries.Count} events is larger than one journal segment.");
            var number = _index.Highest + 1;
            counters.TransactionSubmitted();
            try
            {
                await table.InsertAsync(Partition, number, parts);
            }
            catch (SegmentTakenException)
            {
                counters.TransactionFailed();
                var stored = await table.ReadAsync(Partition, number);
                if (stored is not null && !stored.Holds(parts))
                {
                    Absorb(stored); // another writer of this partition stored it first: plan again knowing it
                    LogAbsorbed(Partition, number);
                    continue;
                }

                if (stored is null) continue; // vanished meanwhile (cannot happen to the highest segment): try the number again
                // else: our own insert, retried by the transport after its first attempt landed
            }
            catch
            {
                counters.TransactionFailed();
                _unsettled = number; // it may have landed: settle before the next insert or read
                throw;
            }

            counters.TransactionCommitted(parts.Count);
            _index.Absorb(number, parts.Count, entries);
            _cache.Add(number, entries);
            Complete(batch, appends, outcomes);
            ScheduleDeletes();
            _index.Trim(_options.MaxKnownUsersPerPartition);
            Report();
            return;
        }
    }

    private void Complete(List<PendingCall> batch, List<JournalAppendRecord> appends, JournalAppendOutcome[] outcomes)
    {
        var at = 0;
        foreach (var call in batch)
        {
            var mine = outcomes.AsSpan(at, call.Appends.Length).ToArray();
            at += call.Appends.Length;
            call.Completion.TrySetResult(mine);
        }

        for (var i = 0; i < appends.Count; i++)
        {
            if (outcomes[i] == JournalAppendOutcome.Conflict) _index.Unverify(appends[i].UserId); // re-read its snapshot next time
        }
    }

    /// <summary>
    /// Reads the stored snapshot's sequence of users whose first append or read this activation has not served yet:
    /// their last committed sequence, and how far a snapshot covers their entries (those are released, as a cover from
    /// the listener would).
    /// </summary>
    private async Task VerifyAsync(IReadOnlyList<string> users)
    {
        if (users.Count == 0) return;
        try
        {
            foreach (var chunk in users.Chunk(16))
            {
                var sequences = await Task.WhenAll(chunk.Select(snapshots.SequenceOfAsync)).WaitAsync(_options.CommitTimeout);
                for (var i = 0; i < chunk.Length; i++)
                {
                    _index.Verify(chunk[i], sequences[i]);
                    _index.Cover(chunk[i], sequences[i]);
                }
            }
        }
        catch (Exception ex) when (ex is not StorageUnavailableException)
        {
            throw new StorageUnavailableException($"Journal partition {Partition} could not read a listener's snapshot: {ex.Message}", _options.RetryAfter, ex);
        }
    }

    private async Task SettleAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await SettleLockedAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// After a failed insert of segment n: n is settled by inserting an empty segment there (then the failed one can
    /// never land) or, if n exists, by absorbing what landed.
    /// </summary>
    private async Task SettleLockedAsync()
    {
        if (_unsettled is not { } number) return;
        if (!_index.Knows(number))
        {
            var empty = SegmentFormat.Encode([]);
            try
            {
                await table.InsertAsync(Partition, number, empty);
                _index.Absorb(number, empty.Count, []);
            }
            catch (SegmentTakenException)
            {
                if (await table.ReadAsync(Partition, number) is { } stored) Absorb(stored);
            }
        }

        _unsettled = null;
    }

    private void Absorb(StoredSegment stored)
    {
        var entries = stored.Entries.ToList();
        _index.Absorb(stored.Number, stored.Parts.Count, entries);
        _cache.Add(stored.Number, entries);
    }

    /// <summary>Hands the silo's metrics what this writer holds now.</summary>
    private void Report() => local.Report(Partition, _index.LiveEntries, _index.SegmentCount);

    private void ScheduleDeletes()
    {
        if (_forgetting || _deleteRunning) return;
        var segments = _index.TakeDeletable();
        if (segments.Count == 0) return;
        _deleteRunning = true;
        _deleting = DeleteAsync(segments);
    }

    /// <summary>Deletes covered segments, then whatever became deletable meanwhile; after a failure, they wait for the next call.</summary>
    private async Task DeleteAsync(IReadOnlyList<long> segments)
    {
        try
        {
            while (segments.Count > 0)
            {
                try
                {
                    await table.DeleteAsync(Partition, [.. segments.Select(n => (n, _index.PartsOf(n)))]);
                }
                catch (Exception ex)
                {
                    _index.ReturnDeletable(segments);
                    LogDeleteFailed(ex, Partition, segments.Count);
                    return;
                }

                foreach (var number in segments)
                {
                    _index.Deleted(number);
                    _cache.Remove(number);
                }

                Report();

                segments = _forgetting ? [] : _index.TakeDeletable();
            }
        }
        finally
        {
            _deleteRunning = false;
        }
    }

    /// <summary>Asks listeners whose entries stayed uncovered past <see cref="JournalOptions.SweepAge"/> to write a snapshot.</summary>
    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var users = _index.UsersPinningSince(Environment.TickCount64 - (long)_options.SweepAge.TotalMilliseconds + 1, _options.SweepBatch);
        if (users.Count == 0) return 0;
        var failed = 0;
        foreach (var chunk in users.Chunk(16))
        {
            if (cancellationToken.IsCancellationRequested) break;
            var results = await Task.WhenAll(chunk.Select(async user =>
            {
                try
                {
                    await GrainFactory.GetGrain<IListenerCheckpointGrain>(user).CheckpointAsync();
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return false;
                }
            }));
            failed += results.Count(ok => !ok);
        }

        LogSwept(Partition, users.Count, failed);
        return users.Count;
    }

    private sealed class PendingCall(JournalAppendRecord[] appends)
    {
        public JournalAppendRecord[] Appends { get; } = appends;

        public long Chars { get; } = appends.Sum(a => a.Events.Sum(e => (long)SegmentFormat.EncodedLength(a.UserId, e)));

        public TaskCompletionSource<JournalAppendOutcome[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The caller's trace (its grain call's span), continued by the segment commit that carries it.</summary>
        public ActivityContext Trace { get; } = JournalTracing.CurrentContext;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition} loaded {Segments} segment(s), {Live} uncovered entries; next segment {Highest} + 1.")]
    private partial void LogLoaded(int partition, int segments, long live, long highest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition} deactivated ({Reason}) with a segment still being stored; its callers repeat it.")]
    private partial void LogDeactivatedBusy(int partition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal partition {Partition}: segment {Segment} was stored by another writer of the partition; absorbed it and planning again.")]
    private partial void LogAbsorbed(int partition, long segment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal partition {Partition}: storing a segment of {Appends} append(s) failed; failing exactly those callers.")]
    private partial void LogCommitFailed(Exception ex, int partition, int appends);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition}: asked {Users} listener(s) with long-uncovered entries for a snapshot ({Failed} failed).")]
    private partial void LogSwept(int partition, int users, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition}: deleting {Segments} covered segment(s) failed; retrying later.")]
    private partial void LogDeleteFailed(Exception ex, int partition, int segments);
}
