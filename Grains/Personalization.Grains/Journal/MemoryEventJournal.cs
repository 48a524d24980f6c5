using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Personalization.Grains.Journal;

/// <summary>
/// The journal in process memory: same contract as <see cref="AzureTableEventJournal"/> (including the stored JSON
/// format, so the embedded default exercises the codec) but not durable across restarts. For the embedded default
/// and tests.
/// </summary>
public sealed class MemoryEventJournal : IEventJournal
{
    private readonly ConcurrentDictionary<string, SortedList<long, string>> _users = new(StringComparer.Ordinal);

    public Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateAppend(userId, entries);
        cancellationToken.ThrowIfCancellationRequested();
        var encoded = entries.Select(e => (e.Sequence, Json: JournalEventCodec.Encode(e.Event))).ToArray();
        var log = _users.GetOrAdd(userId, _ => []);
        lock (log)
        {
            // Fencing: a sequence holds one event. The same event again is an idempotent retry; another is a conflict.
            foreach (var (sequence, json) in encoded)
            {
                if (log.TryGetValue(sequence, out var stored) && stored != json)
                {
                    throw new JournalConflictException($"Sequence {sequence} of {userId} already holds another event.");
                }
            }

            foreach (var (sequence, json) in encoded) log[sequence] = json;
        }

        return Task.FromResult(entries[^1].Sequence);
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(
        string userId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        await Task.Yield();
        if (!_users.TryGetValue(userId, out var log)) yield break;
        KeyValuePair<long, string>[] tail;
        lock (log)
        {
            tail = log.Where(e => e.Key > afterSequence).ToArray();
        }

        foreach (var (sequence, json) in tail)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new JournalEntry(sequence, JournalEventCodec.Decode(json));
        }
    }

    public Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        if (!_users.TryGetValue(userId, out var log)) return Task.CompletedTask;
        lock (log)
        {
            while (log.Count > 0 && log.Keys[0] <= sequence) log.RemoveAt(0);
        }

        return Task.CompletedTask;
    }

    public Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        if (!_users.TryGetValue(userId, out var log)) return Task.CompletedTask;
        lock (log)
        {
            for (var sequence = afterSequence + 1; sequence <= throughSequence; sequence++) log.Remove(sequence);
        }

        return Task.CompletedTask;
    }

    /// <summary>How many entries the journal holds for the user (for tests of privacy and compaction).</summary>
    public int CountOf(string userId)
    {
        if (!_users.TryGetValue(userId, out var log)) return 0;
        lock (log) return log.Count;
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        _users.TryRemove(userId, out _);
        return Task.CompletedTask;
    }
}
