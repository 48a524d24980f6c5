using Personalization.Journal;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class MemoryEventJournalTests : EventJournalContract
{
    private readonly MemoryEventJournal _journal = new();

    protected override IEventJournal Journal => _journal;

    /// <summary>
    /// A user's entries live back to back in shared arrays: entries of different lengths must read back intact after
    /// the arrays grew, after a range in the middle and a prefix were cut out, after they shrank, and after appends
    /// that follow the cuts.
    /// </summary>
    [Fact]
    public async Task Entries_of_every_length_survive_growth_cuts_and_shrinking()
    {
        var user = $"packed-{Guid.NewGuid():N}";
        var entries = JournalSamples.Entries(user, 1, 600)
            .Select(e => e with { Event = e.Event with { EventId = new string('e', 1 + (int)(e.Sequence * 7 % 90)) + e.Sequence } })
            .ToArray();
        for (var at = 0; at < 400; at += 37) await _journal.AppendAsync(user, entries[at..Math.Min(at + 37, 400)]);

        await _journal.TruncateRangeAsync(user, 100, 250);
        await _journal.TruncateThroughAsync(user, 60);
        Assert.Equal([.. entries[60..100], .. entries[250..400]], await _journal.ReadAllAsync(user));

        await _journal.TruncateThroughAsync(user, 390); // shrinks: ten entries left of 400
        await _journal.AppendAsync(user, entries[400..]);
        Assert.Equal(entries[390..], await _journal.ReadAllAsync(user));
        Assert.Equal(210, _journal.CountOf(user));

        await _journal.TruncateThroughAsync(user, 600);
        Assert.Equal(0, _journal.CountOf(user));
        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.AppendAsync(user, entries[599..]));
        Assert.Equal(601, await _journal.AppendAsync(user, [new JournalEntry(601, entries[0].Event)]));
        Assert.Equal([new JournalEntry(601, entries[0].Event)], await _journal.ReadAllAsync(user));
    }
}
