using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Personalization.Journal;

/// <summary>
/// The journal in process memory (including the stored JSON format, so the embedded default exercises the codec), not
/// durable across restarts. For the embedded default and tests. As the segment journal's partition writer does, it
/// remembers each user's last committed sequence after compaction deleted the entries: a sequence up to it is taken,
/// and an append there that is not a repeat of a stored entry is refused (<see cref="JournalConflictException"/>), so
/// a duplicate activation is fenced even once a snapshot's entries are gone.
/// </summary>
public sealed class MemoryEventJournal : IEventJournal
{
    private readonly ConcurrentDictionary<string, UserLog> _users = new(StringComparer.Ordinal);

    public Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateAppend(userId, entries);
        cancellationToken.ThrowIfCancellationRequested();
        var encoded = entries.Select(e => (e.Sequence, Json: JournalEventCodec.Encode(e.Event))).ToArray();
        var log = _users.GetOrAdd(userId, _ => new UserLog());
        lock (log)
        {
            // Fencing: a committed sequence holds one event. The same stored event again is an idempotent retry;
            // another event, or any at a sequence compaction already deleted, is a conflict.
            foreach (var (sequence, json) in encoded)
            {
                if (sequence <= log.Last && !(log.Entries.TryGetValue(sequence, out var stored) && stored == json))
                {
                    throw new JournalConflictException($"Sequence {sequence} of {userId} is already committed with another event.");
                }
            }

            foreach (var (sequence, json) in encoded) log.Entries[sequence] = json;
            log.Last = Math.Max(log.Last, entries[^1].Sequence);
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
            tail = log.Entries.Where(e => e.Key > afterSequence).ToArray();
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
            while (log.Entries.Count > 0 && log.Entries.Keys[0] <= sequence) log.Entries.RemoveAt(0);
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
            for (var sequence = afterSequence + 1; sequence <= throughSequence; sequence++) log.Entries.Remove(sequence);
        }

        return Task.CompletedTask;
    }

    /// <summary>How many entries the journal holds for the user (for tests of privacy and compaction).</summary>
    public int CountOf(string userId)
    {
        if (!_users.TryGetValue(userId, out var log)) return 0;
        lock (log) return log.Entries.Count;
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        _users.TryRemove(userId, out _);
        return Task.CompletedTask;
    }

    /// <summary>One user's stored entries and last committed sequence (locked by the caller).</summary>
    private sealed class UserLog
    {
        public SortedList<long, string> Entries { get; } = [];

        public long Last { get; set; }
    }
}
