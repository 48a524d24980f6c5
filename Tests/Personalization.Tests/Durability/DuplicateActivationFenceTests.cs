using Personalization.Engine;
using Personalization.Grains.Journal;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// Two activations of one listener over the same storage, as during a silo's shutdown: the old one still takes a call
/// and writes its deactivation snapshot after the new one loaded. The new one's next append must collide with the old
/// one's rows (so it is refused and retried against storage), never land behind the old one's snapshot, where no
/// replay would find it. (Found by the SIGTERM fault test: one acknowledged event lost when compaction deleted the
/// rows right behind the deactivation snapshot.)
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

        // The duplicate's next event would be sequence 4 too: the old row is still there, so the append is refused.
        await Assert.ThrowsAsync<JournalConflictException>(() => RecordAsync(duplicate, duplicateState, "e5"));

        // The caller retries against an activation rebuilt from storage: every acknowledged event is there, once.
        var (rebuilt, state) = await LoadAsync();
        await RecordAsync(rebuilt, state, "e5");
        Assert.Equal(5, state.Sequence);
        Assert.Equal(5, state.Counters.Events);
        Assert.Equal(0, state.Counters.Duplicates);
    }

    [Fact]
    public async Task Compaction_leaves_the_rows_since_the_previous_snapshot_as_the_fence()
    {
        var (store, state) = await LoadAsync();
        await RecordAsync(store, state, "a1", "a2");
        await store.SnapshotAsync(state);
        await store.CompactionCompleted;
        await RecordAsync(store, state, "a3");
        await store.SnapshotAsync(state);
        await store.CompactionCompleted;

        Assert.Equal(1, _journal.CountOf(User)); // rows 1..2 went with the second snapshot; row 3 stays
    }

    private Task<(ListenerStore Store, ListenerState State)> LoadAsync() => _rig.LoadAsync();

    private Task RecordAsync(ListenerStore store, ListenerState state, params string[] ids) => _rig.RecordAsync(store, state, ids);
}
