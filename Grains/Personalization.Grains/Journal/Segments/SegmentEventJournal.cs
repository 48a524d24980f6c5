using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Journal;

namespace Personalization.Grains.Journal.Segments;

/// <summary>
/// The silo's side of the segment layout: the <see cref="IEventJournal"/> the user grains use. Appends are grouped per
/// journal partition and sent to that partition's writer (<see cref="IJournalPartitionGrain"/>) with one call in flight
/// per partition: whatever arrives meanwhile goes in the next call (group commit across the silo's grains, one grain
/// call per partition and round trip, not per event). Reads, compaction and deletion are forwarded as they come.
/// Anything but a refused sequence surfaces as <see cref="StorageUnavailableException"/>: the append was not acknowledged.
/// </summary>
public sealed class SegmentEventJournal : IEventJournal
{
    private readonly IGrainFactory _grains;
    private readonly JournalOptions _options;
    private readonly JournalCounters _counters;
    private readonly PartitionSender[] _senders;

    public SegmentEventJournal(IGrainFactory grains, IOptions<JournalOptions> options, JournalCounters counters)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options.Value;
        _counters = counters;
        _senders = [.. Enumerable.Range(0, _options.Partitions).Select(p => new PartitionSender(grains.GetGrain<IJournalPartitionGrain>(p), _options))];
    }

    /// <summary>How long a call to a partition writer may take: it may settle a failed insert, verify users and store a segment.</summary>
    private TimeSpan CallTimeout => _options.CommitTimeout * 3;

    public static int PartitionOf(string userId, int partitions) => (int)(Personalization.Engine.StableHash.Of(userId) % (ulong)partitions);

    public async Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateAppend(userId, entries);
        var events = new string[entries.Count];
        for (var i = 0; i < events.Length; i++) events[i] = JournalEventCodec.Encode(entries[i].Event);
        var outcome = await _senders[PartitionOf(userId, _options.Partitions)]
            .SendAsync(new JournalAppendRecord(userId, entries[0].Sequence, events))
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
        var tail = await CallAsync(Writer(userId).ReadTailAsync(userId, afterSequence), "read", cancellationToken);
        for (var i = 0; i < tail.Sequences.Length; i++) yield return new JournalEntry(tail.Sequences[i], JournalEventCodec.Decode(tail.Events[i]));
    }

    public Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        return CallAsync(Writer(userId).CoverAsync(userId, sequence), "compact", cancellationToken);
    }

    /// <summary>The writer knows which entries precede <paramref name="afterSequence"/>: the same as covering through <paramref name="throughSequence"/>.</summary>
    public Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default) =>
        TruncateThroughAsync(userId, throughSequence, cancellationToken);

    /// <summary>The partition writer refuses a stale append by its sequence: a snapshot's entries may be deleted at once.</summary>
    public bool CompactionLagsOneSnapshot => false;

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        return CallAsync(Writer(userId).ForgetAsync(userId), "delete", cancellationToken);
    }

    private IJournalPartitionGrain Writer(string userId) => _grains.GetGrain<IJournalPartitionGrain>(PartitionOf(userId, _options.Partitions));

    private async Task CallAsync(Task call, string operation, CancellationToken cancellationToken) =>
        await CallAsync(call.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), operation, cancellationToken);

    private async Task<T> CallAsync<T>(Task<T> call, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(CallTimeout, cancellationToken);
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

    /// <summary>One partition's outgoing appends: one call in flight; what queues meanwhile forms the next call.</summary>
    private sealed class PartitionSender(IJournalPartitionGrain writer, JournalOptions options)
    {
        private readonly Lock _lock = new();
        private List<(JournalAppendRecord Record, TaskCompletionSource<JournalAppendOutcome> Done)> _queued = [];
        private bool _sending;

        public Task<JournalAppendOutcome> SendAsync(JournalAppendRecord record)
        {
            var done = new TaskCompletionSource<JournalAppendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            bool start;
            lock (_lock)
            {
                _queued.Add((record, done));
                start = !_sending;
                _sending = true;
            }

            // Off the calling grain's scheduler: the loop serves every grain of the silo.
            if (start) _ = Task.Run(LoopAsync);
            return done.Task;
        }

        private async Task LoopAsync()
        {
            while (true)
            {
                List<(JournalAppendRecord Record, TaskCompletionSource<JournalAppendOutcome> Done)> batch;
                lock (_lock)
                {
                    if (_queued.Count == 0)
                    {
                        _sending = false;
                        return;
                    }

                    batch = _queued;
                    _queued = [];
                }

                foreach (var call in Chunk(batch)) await SendChunkAsync(call).ConfigureAwait(false);
            }
        }

        private async Task SendChunkAsync(List<(JournalAppendRecord Record, TaskCompletionSource<JournalAppendOutcome> Done)> call)
        {
            try
            {
                var outcomes = await writer.AppendAsync([.. call.Select(c => c.Record)]).WaitAsync(options.CommitTimeout * 3).ConfigureAwait(false);
                for (var i = 0; i < call.Count; i++) call[i].Done.TrySetResult(outcomes[i]);
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in call) done.TrySetException(Unavailable(ex, "append", options));
            }
        }

        /// <summary>Calls of at most <see cref="JournalOptions.SegmentBudgetChars"/> of entry text (a larger append goes alone).</summary>
        private static IEnumerable<List<(JournalAppendRecord Record, TaskCompletionSource<JournalAppendOutcome> Done)>> Chunk(
            List<(JournalAppendRecord Record, TaskCompletionSource<JournalAppendOutcome> Done)> batch)
        {
            var chunk = new List<(JournalAppendRecord, TaskCompletionSource<JournalAppendOutcome>)>();
            long chars = 0;
            foreach (var item in batch)
            {
                var size = item.Record.Events.Sum(e => (long)e.Length + item.Record.UserId.Length + 22);
                if (chunk.Count > 0 && chars + size > JournalOptions.SegmentBudgetChars)
                {
                    yield return chunk;
                    chunk = [];
                    chars = 0;
                }

                chunk.Add(item);
                chars += size;
            }

            if (chunk.Count > 0) yield return chunk;
        }
    }
}
