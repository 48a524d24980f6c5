using Personalization.Engine;
using Personalization.Journal;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// Two activations of one listener over the same storage, as during a silo's shutdown: the old one still takes a call
/// and writes its deactivation snapshot after the new one loaded. Compaction releases the snapshot's entries at once,
/// yet the new one's next append must be refused (its sequence does not follow the last committed one) and retried
/// against storage, never land behind the old one's snapshot, where no replay would find it. (Found by the SIGTERM
/// fault test: one acknowledged event lost when compaction deleted the fence right behind the deactivation snapshot.)
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class DuplicateActivationFenceTests
{
    private const string User = "fence-user";
    private readonly MemoryEventJournal _journal = new();
    private readonly ListenerStoreRig _rig;

    public DuplicateActivationFenceTests() => _rig = new ListenerStoreRig(User, _journal);

    [Fact]
    public async Task A_duplicate_that_loaded_before_the_others_deactivation_snapshot_is_refused_and_nothing_is_lost()
    {
        var (old, oldState) = await LoadAsync();
        await RecordAsync(old, oldState, "e1", "e2");
        await old.SnapshotAsync(oldState); // a periodic snapshot before the shutdown
        await RecordAsync(old, oldState, "e3");

        var (duplicate, duplicateState) = await LoadAsync(); // the new activation loads: snapshot 2 + tail 3
        Assert.Equal(3, duplicateState.Sequence);

        await RecordAsync(old, oldState, "e4"); // the old one still takes a call, acknowledged at sequence 4
        Assert.True(await old.SnapshotAsync(oldState)); // and deactivates: snapshot 4
        await old.CompactionCompleted;

        // The duplicate's next event would be sequence 4 too: its entry is gone, but the sequence stays taken.
        Assert.Equal(0, _journal.CountOf(User));
        await Assert.ThrowsAsync<JournalConflictException>(() => RecordAsync(duplicate, duplicateState, "e5"));

        // The caller retries against an activation rebuilt from storage: every acknowledged event is there, once.
        var (rebuilt, state) = await LoadAsync();
        await RecordAsync(rebuilt, state, "e5");
        Assert.Equal(5, state.Sequence);
        Assert.Equal(5, state.Counters.Events);
        Assert.Equal(0, state.Counters.Duplicates);
    }

    [Fact]
    public async Task Compaction_releases_a_snapshots_entries_at_once_and_their_sequences_stay_taken()
    {
        var (store, state) = await LoadAsync();
        await RecordAsync(store, state, "a1", "a2");
        await store.SnapshotAsync(state);
        await store.CompactionCompleted;
        await RecordAsync(store, state, "a3");
        await store.SnapshotAsync(state);
        await store.CompactionCompleted;
        var rival = new JournalEntry(3, JournalSamples.Event(User, 3) with { EventId = "rival" });

        Assert.Equal(0, _journal.CountOf(User)); // rows 1..3 went with the snapshots that cover them
        await Assert.ThrowsAsync<JournalConflictException>(() => _journal.AppendAsync(User, [rival]));
        Assert.Equal(4, await _journal.AppendAsync(User, JournalSamples.Entries(User, 4, 4))); // the log goes on after it
    }

    private Task<(ListenerStore Store, ListenerState State)> LoadAsync() => _rig.LoadAsync();

    private Task RecordAsync(ListenerStore store, ListenerState state, params string[] ids) => _rig.RecordAsync(store, state, ids);
}
