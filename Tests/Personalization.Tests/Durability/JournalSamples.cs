using Personalization.Abstractions;
using Personalization.Journal;

namespace Personalization.Tests.Durability;

/// <summary>Events and entries for journal tests: varied kinds, optional fields present and absent.</summary>
public static class JournalSamples
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventKind[] Kinds = [EventKind.Play, EventKind.Complete, EventKind.Skip, EventKind.Like, EventKind.Dislike, EventKind.Save];

    public static ListenEvent Event(string userId, long sequence) => new(
        $"{userId}-e{sequence}",
        $"track-{sequence % 17}",
        $"artist-{sequence % 5}",
        Kinds[sequence % Kinds.Length],
        Start.AddSeconds(sequence).AddTicks(sequence), // sub-millisecond precision must survive
        sequence % 3 == 0 ? null : (int)(sequence * 1000 % 200_000),
        sequence % 3 == 0 ? null : 200_000,
        sequence % 2 == 0 ? new ListenContext("playlist", sequence % 4 == 0 ? null : "phone") : null);

    /// <summary>Entries first..last (inclusive) of one user.</summary>
    public static JournalEntry[] Entries(string userId, long first, long last)
    {
        var entries = new JournalEntry[last - first + 1];
        for (var i = 0; i < entries.Length; i++) entries[i] = new JournalEntry(first + i, Event(userId, first + i));
        return entries;
    }

    public static async Task<List<JournalEntry>> ReadAllAsync(this IEventJournal journal, string userId, long afterSequence = 0)
    {
        var result = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAfterAsync(userId, afterSequence)) result.Add(entry);
        return result;
    }
}
