using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Journal;

namespace Personalization.Journal.Segments;

/// <summary>
/// The silo's side of the segment layout: the <see cref="IEventJournal"/> the user grains use. Appends are grouped per
/// journal partition and sent to that partition's writer (<see cref="IJournalPartitionGrain"/>) with one call in flight
/// per partition: whatever arrives meanwhile goes in the next call (group commit across the silo's grains, one grain
/// call per partition and round trip, not per event). Reads, compaction notices (covers) and deletion are forwarded
/// as they come.
/// A call lost while a writer moves is sent again (<see cref="JournalWriterRetry"/>).
/// Anything else but a refused sequence surfaces as <see cref="StorageUnavailableException"/>: the append was not acknowledged.
/// </summary>
public sealed class SegmentEventJournal : IEventJournal
{
    private readonly IGrainFactory _grains;
    private readonly JournalOptions _options;
    private readonly JournalCounters _counters;
    private readonly JournalWriterRetry _retry;
    private readonly GroupCommitQueue<JournalAppendRecord, JournalAppendOutcome>[] _senders;

    public SegmentEventJournal(IGrainFactory grains, IOptions<JournalOptions> options, JournalCounters counters)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options.Value;
        _counters = counters;
        _retry = new JournalWriterRetry(_options);
        _senders = [.. Enumerable.Range(0, _options.Partitions).Select(p => PartitionSender(grains.GetGrain<IJournalPartitionGrain>(p), _options, _retry))];
    }

    public static int PartitionOf(string userId, int partitions) => JournalKeys.PartitionIndexOf(userId, partitions);

    public async Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateAppend(userId, entries);
        var events = new string[entries.Count];
        for (var i = 0; i < events.Length; i++) events[i] = JournalEventCodec.Encode(entries[i].Event);
        var outcome = await _senders[PartitionOf(userId, _options.Partitions)]
            .EnqueueAsync(new JournalAppendRecord(userId, entries[0].Sequence, events))
            .WaitAsync(cancellationToken);
        if (outcome == JournalAppendOutcome.Conflict)
        {
            _counters.AppendFailed();
            throw new JournalConflictException($"Journal sequence {entries[0].Sequence} of this user does not follow the last one committed.");
        }

        _counters.AppendAcknowledged();
        return entries[^1].Sequence;
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(string userId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        var writer = Writer(userId);
        var tail = await CallAsync(() => writer.ReadTailAsync(userId, afterSequence), "read", cancellationToken);
        if (tail.CoveredThrough > afterSequence)
        {
            throw new JournalSnapshotBehindException($"A snapshot covers this user's journal through {tail.CoveredThrough}, beyond {afterSequence}.")
            {
                CoveredThrough = tail.CoveredThrough,
            };
        }

        for (var i = 0; i < tail.Sequences.Length; i++) yield return new JournalEntry(tail.Sequences[i], JournalEventCodec.Decode(tail.Events[i]));
    }

    public async Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        var writer = Writer(userId);
        await CallAsync(() => writer.CoverAsync(userId, sequence), "compact", cancellationToken);
    }

    /// <summary>
    /// The writer knows which entries precede <paramref name="afterSequence"/>: the same as covering through
    /// <paramref name="throughSequence"/>; an empty range covers nothing.
    /// </summary>
    public Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default) =>
        throughSequence > afterSequence ? TruncateThroughAsync(userId, throughSequence, cancellationToken) : ValidatedAsync(userId);

    private static Task ValidatedAsync(string userId)
    {
        JournalKeys.ValidateUserId(userId);
        return Task.CompletedTask;
    }

    public async Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        var writer = Writer(userId);
        await CallAsync(() => writer.ForgetAsync(userId), "delete", cancellationToken);
    }

    private IJournalPartitionGrain Writer(string userId) => _grains.GetGrain<IJournalPartitionGrain>(PartitionOf(userId, _options.Partitions));

    private async Task CallAsync(Func<Task> call, string operation, CancellationToken cancellationToken) =>
        await CallAsync(async () =>
        {
            await call();
            return true;
        }, operation, cancellationToken);

    private async Task<T> CallAsync<T>(Func<Task<T>> call, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.RunAsync(call, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(ex, operation, _options);
        }
    }

    /// <summary>A failed writer call as the caller sees it: invalid arguments unchanged, everything else transient (not acknowledged).</summary>
    internal static Exception Unavailable(Exception error, string operation, JournalOptions options) => error switch
    {
        ArgumentException or InvalidDataException => error,
        StorageUnavailableException u => new StorageUnavailableException(u.Message, u.RetryAfter, u),
        _ => new StorageUnavailableException($"The journal partition writer did not answer ({operation}): {error.Message}", options.RetryAfter, error),
    };

    /// <summary>One partition's outgoing appends: one call in flight; what queues meanwhile forms the next call (at most a segment's worth of entry text).</summary>
    private static GroupCommitQueue<JournalAppendRecord, JournalAppendOutcome> PartitionSender(IJournalPartitionGrain writer, JournalOptions options, JournalWriterRetry retry) => new(
        async batch =>
        {
            JournalAppendRecord[] records = [.. batch.Select(b => b.Value)];
            using var span = JournalTracing.StartBatch(JournalTracing.JournalSend, batch.Select(b => b.Trace), records.Length);
            return await retry.RunAsync(() => writer.AppendAsync(records), CancellationToken.None).ConfigureAwait(false);
        },
        record => record.Events.Sum(e => (long)SegmentFormat.EncodedLength(record.UserId, e)),
        JournalOptions.SegmentBudgetChars,
        options.Linger,
        offScheduler: true,
        failure: ex => Unavailable(ex, "append", options));
}
