using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Personalization.Journal;

/// <summary>
/// The journal in process memory (including the stored JSON format, so the embedded default exercises the codec), not
/// durable across restarts. For the embedded default and tests. As the segment journal's partition writer does, it
/// remembers each user's last committed sequence after compaction deleted the entries: a sequence up to it is taken,
/// and an append there that is not a repeat of a stored entry is refused (<see cref="JournalConflictException"/>), so
/// a duplicate activation is fenced even once a snapshot's entries are gone. Each user's entries are kept as UTF-8
/// JSON in a few arrays (<see cref="MemoryUserLog"/>), not as an object per event.
/// </summary>
public sealed class MemoryEventJournal : IEventJournal
{
    private readonly ConcurrentDictionary<string, MemoryUserLog> _users = new(StringComparer.Ordinal);

    public Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateAppend(userId, entries);
        cancellationToken.ThrowIfCancellationRequested();
        var encoded = new byte[entries.Count][];
        for (var i = 0; i < encoded.Length; i++) encoded[i] = JournalEventCodec.EncodeUtf8(entries[i].Event);
        var log = _users.GetOrAdd(userId, _ => new MemoryUserLog());
        lock (log)
        {
            // Fencing: a committed sequence holds one event. The same stored event again is an idempotent retry;
            // another event, or any at a sequence compaction already deleted, is a conflict.
            for (var i = 0; i < encoded.Length; i++)
            {
                if (entries[i].Sequence <= log.Last && !log.Holds(entries[i].Sequence, encoded[i]))
                {
                    throw new JournalConflictException($"Sequence {entries[i].Sequence} of {userId} is already committed with another event.");
                }
            }

            for (var i = 0; i < encoded.Length; i++)
            {
                if (entries[i].Sequence > log.Last) log.Append(entries[i].Sequence, encoded[i]);
            }

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
        (long Sequence, byte[] Json)[] tail;
        lock (log)
        {
            tail = log.After(afterSequence);
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
            log.Remove(long.MinValue, sequence);
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
            log.Remove(afterSequence, throughSequence);
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
