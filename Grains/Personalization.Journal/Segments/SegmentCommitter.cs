using Microsoft.Extensions.Logging;
using Personalization.Abstractions;

namespace Personalization.Journal.Segments;

/// <summary>
/// Stores one batch of append calls as the partition's next segment (the commit of the writer's
/// <see cref="GroupCommitQueue{TItem, TResult}"/>). Each append is checked against the user's last committed sequence
/// (<see cref="SegmentIndex.Plan"/>), so a duplicate activation of a user is refused here. A duplicate of the writer (a
/// membership change) is fenced by the segment numbers: both write insert-if-absent at the next number, the loser reads
/// the winner's segment, absorbs it and plans again. A failed insert may still have landed: before anything else the
/// number is settled (<see cref="SegmentSettler"/>).
/// </summary>
/// <param name="logger">The writer grain's logger (its category names the log lines).</param>
public sealed partial class SegmentCommitter(
    PartitionSegments segments,
    SegmentSettler settler,
    ListenerVerifier verifier,
    SegmentJanitor janitor,
    JournalCounters counters,
    JournalOptions options,
    ILogger logger)
{
    /// <summary>Inserts of one batch (each collision with another writer's segment costs one) before its callers are failed.</summary>
    public const int MaxInsertAttempts = 16;

    /// <summary>A call's share of a segment: its entries' encoded text (the queue's budget is one segment's worth).</summary>
    public static long CharsOf(JournalAppendRecord[] appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        return appends.Sum(a => a.Events.Sum(e => (long)SegmentFormat.EncodedLength(a.UserId, e)));
    }

    /// <summary>
    /// Commits the batch under the writer's lock; one outcome array per call, in order. If it fails, it fails exactly
    /// the batch's callers, each with its own <see cref="Failure"/>.
    /// </summary>
    public async Task<JournalAppendOutcome[][]> CommitAsync(IReadOnlyList<GroupCommitItem<JournalAppendRecord[]>> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            await segments.Writes.WaitAsync();
            try
            {
                return await CommitLockedAsync(batch);
            }
            finally
            {
                segments.Writes.Release();
            }
        }
        catch (Exception ex)
        {
            LogCommitFailed(ex, segments.Partition, batch.Sum(c => c.Value.Length));
            throw;
        }
    }

    /// <summary>What a caller of a failed commit gets (<see cref="StorageErrors.Translate"/>: a new object per caller).</summary>
    public Exception Failure(Exception error) => StorageErrors.Translate(error, "append", options.RetryAfter);

    private async Task<JournalAppendOutcome[][]> CommitLockedAsync(IReadOnlyList<GroupCommitItem<JournalAppendRecord[]>> batch)
    {
        var appends = batch.SelectMany(c => c.Value).ToList();
        using var span = JournalTracing.StartBatch(JournalTracing.SegmentCommit, batch.Select(c => c.Trace), appends.Count);
        span?.SetTag("journal.partition", segments.Partition);
        await settler.SettleLockedAsync();
        await verifier.VerifyAsync([.. appends.Select(a => a.UserId).Distinct(StringComparer.Ordinal).Where(u => !segments.Index.IsVerified(u))]);

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
            if (copyOf[i] < 0 && appends[i].FirstSequence <= segments.Index.LastOf(appends[i].UserId)) repeated[i] = await IsStoredAsync(appends[i]);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (attempt > MaxInsertAttempts) throw new StorageUnavailableException($"Journal partition {segments.Partition}: the next segment number stayed taken after {MaxInsertAttempts} attempts.", options.RetryAfter);
            var fresh = appends.Where((_, i) => !repeated[i] && copyOf[i] < 0).ToList();
            var planned = segments.Index.Plan(fresh);
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

            if (entries.Count == 0) return Complete(batch, appends, outcomes);

            var parts = SegmentFormat.Encode(entries);
            if (parts.Count > SegmentFormat.MaxParts) throw new ArgumentException($"An append of {entries.Count} events is larger than one journal segment.");
            var number = segments.Index.Highest + 1;
            counters.TransactionSubmitted();
            try
            {
                await segments.Store.InsertAsync(segments.Partition, number, parts);
            }
            catch (SegmentTakenException)
            {
                counters.TransactionFailed();
                var stored = await segments.Store.ReadAsync(segments.Partition, number);
                if (stored is not null && !stored.Holds(parts))
                {
                    segments.Absorb(stored); // another writer of this partition stored it first: plan again knowing it
                    LogAbsorbed(segments.Partition, number);
                    continue;
                }

                if (stored is null) continue; // vanished meanwhile (cannot happen to the highest segment): try the number again
                // else: our own insert, retried by the transport after its first attempt landed
            }
            catch
            {
                counters.TransactionFailed();
                settler.Failed(number); // it may have landed: settle before the next insert or read
                throw;
            }

            counters.TransactionCommitted(parts.Count);
            segments.Index.Absorb(number, parts.Count, entries);
            segments.Cache.Add(number, entries);
            var answers = Complete(batch, appends, outcomes);
            janitor.Schedule();
            segments.Index.Trim(options.MaxKnownUsersPerPartition);
            segments.Report();
            return answers;
        }
    }

    /// <summary>Whether exactly these entries are already committed: a call repeated after its answer was lost.</summary>
    private async Task<bool> IsStoredAsync(JournalAppendRecord append)
    {
        if (append.FirstSequence + append.Events.Length - 1 > segments.Index.LastOf(append.UserId)) return false;
        var stored = await segments.TailAsync(append.UserId, append.FirstSequence - 1);
        for (var k = 0; k < append.Events.Length; k++)
        {
            if (!stored.TryGetValue(append.FirstSequence + k, out var text) || !string.Equals(text, append.Events[k], StringComparison.Ordinal)) return false;
        }

        return true;
    }

    /// <summary>Each call's outcomes; a user refused for its sequence is verified again (its snapshot re-read) next time.</summary>
    private JournalAppendOutcome[][] Complete(IReadOnlyList<GroupCommitItem<JournalAppendRecord[]>> batch, List<JournalAppendRecord> appends, JournalAppendOutcome[] outcomes)
    {
        var answers = new JournalAppendOutcome[batch.Count][];
        var at = 0;
        for (var c = 0; c < batch.Count; c++)
        {
            answers[c] = outcomes.AsSpan(at, batch[c].Value.Length).ToArray();
            at += batch[c].Value.Length;
        }

        for (var i = 0; i < appends.Count; i++)
        {
            if (outcomes[i] == JournalAppendOutcome.Conflict) segments.Index.Unverify(appends[i].UserId); // re-read its snapshot next time
        }

        return answers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal partition {Partition}: segment {Segment} was stored by another writer of the partition; absorbed it and planning again.")]
    private partial void LogAbsorbed(int partition, long segment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal partition {Partition}: storing a segment of {Appends} append(s) failed; failing exactly those callers.")]
    private partial void LogCommitFailed(Exception ex, int partition, int appends);
}
