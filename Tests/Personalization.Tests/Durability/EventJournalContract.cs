using Personalization.Journal;

namespace Personalization.Tests.Durability;

/// <summary>
/// What every <see cref="IEventJournal"/> guarantees; run against the segment journal (the production path, on
/// Azurite and over the kit's in-memory segment store) and the memory journal. After a compaction through n, a read
/// after n returns what is left; a read from before n returns the same or says a snapshot is behind
/// (<see cref="JournalSnapshotBehindException"/>).
/// </summary>
public abstract class EventJournalContract
{
    protected abstract IEventJournal Journal { get; }

    private static string NewUser(string name) => $"{name}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Appended_entries_read_back_equal_and_in_order()
    {
        var user = NewUser("roundtrip");
        var entries = JournalSamples.Entries(user, 1, 12);

        var last = await Journal.AppendAsync(user, entries[..5]);
        Assert.Equal(5, last);
        Assert.Equal(12, await Journal.AppendAsync(user, entries[5..]));

        Assert.Equal(entries, await Journal.ReadAllAsync(user));
    }

    [Fact]
    public async Task A_sequence_taken_by_another_writer_is_refused_and_keeps_its_event()
    {
        var user = NewUser("fence");
        var first = JournalSamples.Entries(user, 1, 3);
        var rival = JournalSamples.Entries(user + "-rival", 1, 3).Select(e => e with { Event = e.Event with { EventId = "rival-" + e.Sequence } }).ToArray();
        await Journal.AppendAsync(user, first);

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => Journal.AppendAsync(user, rival[2..]));
        Assert.Equal(3, await Journal.AppendAsync(user, first[2..])); // the same event again is an idempotent retry

        Assert.NotNull(conflict.Message);
        Assert.Equal(first, await Journal.ReadAllAsync(user));
    }

    [Fact]
    public async Task Reading_after_a_sequence_returns_only_the_tail()
    {
        var user = NewUser("tail");
        var entries = JournalSamples.Entries(user, 1, 10);
        await Journal.AppendAsync(user, entries[..4]);
        await Journal.AppendAsync(user, entries[4..]);

        Assert.Equal(entries[6..], await Journal.ReadAllAsync(user, afterSequence: 6));
        Assert.Equal(entries[2..], await Journal.ReadAllAsync(user, afterSequence: 2)); // from inside an append
        Assert.Empty(await Journal.ReadAllAsync(user, afterSequence: 10));
        Assert.Empty(await Journal.ReadAllAsync(NewUser("nobody")));
    }

    [Fact]
    public async Task Range_truncation_removes_exactly_the_range_and_skips_entries_already_gone()
    {
        var user = NewUser("range");
        var entries = JournalSamples.Entries(user, 1, 250);
        await Journal.AppendAsync(user, entries);
        await Journal.TruncateThroughAsync(user, 120);

        await Journal.TruncateRangeAsync(user, 120, 200); // 80 rows by key, in one transaction
        await AssertCompactedAsync(user, 200, entries[200..]);

        await Journal.TruncateRangeAsync(user, 100, 230); // 1..200 are gone already: only 201..230 are deleted
        await AssertCompactedAsync(user, 230, entries[230..]);

        await Journal.TruncateRangeAsync(user, 240, 240); // an empty range changes nothing
        await AssertCompactedAsync(user, 230, entries[230..]);
    }

    [Fact]
    public async Task Truncation_removes_entries_through_the_sequence_and_keeps_the_rest()
    {
        var user = NewUser("truncate");
        var entries = JournalSamples.Entries(user, 1, 250); // more than one transaction
        await Journal.AppendAsync(user, entries);

        await Journal.TruncateThroughAsync(user, 120);
        await AssertCompactedAsync(user, 120, entries[120..]);

        await Journal.TruncateThroughAsync(user, 120); // again: nothing left to delete
        await Journal.TruncateThroughAsync(user, 250);
        await AssertCompactedAsync(user, 250, []);

        await Journal.AppendAsync(user, JournalSamples.Entries(user, 251, 252)); // the log goes on after compaction
        Assert.Equal([251L, 252L], (await Journal.ReadAllAsync(user, 250)).Select(e => e.Sequence));
    }

    /// <summary>What is left after a compaction through <paramref name="through"/>, read after it and read from the start.</summary>
    private async Task AssertCompactedAsync(string user, long through, IReadOnlyList<JournalEntry> left)
    {
        Assert.Equal(left, await Journal.ReadAllAsync(user, through));
        try
        {
            Assert.Equal(left, await Journal.ReadAllAsync(user));
        }
        catch (JournalSnapshotBehindException behind)
        {
            Assert.True(behind.CoveredThrough >= 1 && behind.CoveredThrough <= through, $"covered through {behind.CoveredThrough}, compacted through {through}");
        }
    }

    [Fact]
    public async Task Deleting_a_user_removes_only_that_users_entries()
    {
        var gone = NewUser("gone");
        var kept = NewUser("kept");
        await Journal.AppendAsync(gone, JournalSamples.Entries(gone, 1, 3));
        await Journal.AppendAsync(kept, JournalSamples.Entries(kept, 1, 3));

        await Journal.DeleteUserAsync(gone);
        await Journal.DeleteUserAsync(NewUser("never-written"));

        Assert.Empty(await Journal.ReadAllAsync(gone));
        Assert.Equal(3, (await Journal.ReadAllAsync(kept)).Count);
    }

    [Fact]
    public async Task Reappending_the_same_sequences_is_idempotent()
    {
        var user = NewUser("retry");
        var entries = JournalSamples.Entries(user, 1, 6);
        await Journal.AppendAsync(user, entries);

        Assert.Equal(6, await Journal.AppendAsync(user, entries)); // a retry after an ambiguous failure
        Assert.Equal(6, await Journal.AppendAsync(user, entries[3..]));

        Assert.Equal(entries, await Journal.ReadAllAsync(user));
    }

    [Fact]
    public async Task Users_whose_ids_prefix_each_other_are_kept_apart()
    {
        var a = NewUser("prefix");
        string[] users = [a, a + "_1", a + "_10", a + "_1_0000000000000000001"];
        foreach (var u in users) await Journal.AppendAsync(u, JournalSamples.Entries(u, 1, 3));

        foreach (var u in users)
        {
            var read = await Journal.ReadAllAsync(u);
            Assert.Equal(JournalSamples.Entries(u, 1, 3), read);
        }

        await Journal.DeleteUserAsync(a);
        Assert.Equal(3, (await Journal.ReadAllAsync(a + "_1")).Count);
    }

    [Fact]
    public async Task Malformed_appends_are_rejected()
    {
        var user = NewUser("bad");
        var entries = JournalSamples.Entries(user, 1, 3);
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.AppendAsync(user, []));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.AppendAsync(user, [entries[0], entries[2]]));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.AppendAsync(user, [entries[1], entries[0]]));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.AppendAsync(user, [new JournalEntry(0, entries[0].Event)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.AppendAsync("a/b", entries));
        Assert.Empty(await Journal.ReadAllAsync(user));
    }
}
