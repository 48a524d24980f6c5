using Personalization.Engine;
using Personalization.Journal;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// After each snapshot, compaction releases the entries it covers — by key, only those since the previous compaction,
/// while that is known; the first compaction of an activation, and the one after a failure, truncate everything
/// behind their point, so leftovers go too.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class CompactionTests
{
    private const string User = "compaction-user";
    private readonly RecordingJournal _journal = new();
    private readonly ListenerStoreRig _rig;

    public CompactionTests() => _rig = new ListenerStoreRig(User, _journal);

    [Fact]
    public async Task Later_compactions_delete_by_key_only_the_entries_since_the_previous_one()
    {
        var (store, state) = await LoadAsync();

        await RecordAndSnapshotAsync(store, state, 3); // snapshot 3: entries 1..3 go
        await RecordAndSnapshotAsync(store, state, 4); // snapshot 7: entries 4..7 go
        await RecordAndSnapshotAsync(store, state, 2); // snapshot 9: entries 8..9 go

        Assert.Equal(["range 0..3", "range 3..7", "range 7..9"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    [Fact]
    public async Task After_a_failed_compaction_the_next_one_truncates_everything_behind_its_point()
    {
        var (store, state) = await LoadAsync();
        await RecordAndSnapshotAsync(store, state, 3);

        _journal.FailNextCompaction = true;
        await RecordAndSnapshotAsync(store, state, 2);
        Assert.Equal(2, _journal.CountOf(User)); // entries 4..5 stayed

        await RecordAndSnapshotAsync(store, state, 2);
        Assert.Equal(["range 0..3", "range 3..5", "through 7"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    [Fact]
    public async Task An_activation_that_replayed_a_tail_first_truncates_everything_behind_its_first_snapshot()
    {
        var (crashed, state) = await LoadAsync();
        await RecordAndSnapshotAsync(crashed, state, 3);
        await RecordAsync(crashed, state, 2); // then the silo died: no snapshot covers 4..5

        var (store, reloaded) = await LoadAsync();
        Assert.Equal(5, reloaded.Sequence);
        await RecordAndSnapshotAsync(store, reloaded, 1);
        await RecordAndSnapshotAsync(store, reloaded, 1);

        Assert.Equal(["range 0..3", "through 6", "range 6..7"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    [Fact]
    public async Task An_activation_first_truncates_what_its_predecessor_left_behind_its_last_snapshot()
    {
        var (first, state) = await LoadAsync();
        _journal.FailNextCompaction = true;
        await RecordAndSnapshotAsync(first, state, 3); // and deactivated: snapshot 3, its compaction failed

        var (store, reloaded) = await LoadAsync();
        Assert.Equal(3, _journal.CountOf(User));
        await RecordAndSnapshotAsync(store, reloaded, 2);

        Assert.Equal(["range 0..3", "through 5"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    private async Task RecordAndSnapshotAsync(ListenerStore store, ListenerState state, int events)
    {
        await RecordAsync(store, state, events);
        Assert.True(await store.SnapshotAsync(state));
        await store.CompactionCompleted;
    }

    private Task RecordAsync(ListenerStore store, ListenerState state, int events) => _rig.RecordAsync(store, state, events);

    private Task<(ListenerStore Store, ListenerState State)> LoadAsync() => _rig.LoadAsync();
}
