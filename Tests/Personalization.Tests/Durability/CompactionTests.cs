using Personalization.Engine;
using Personalization.Grains.Journal;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// Compaction lags one snapshot: after each snapshot it deletes the rows the previous snapshot covered — by key, only
/// those since the previous compaction, while that is known; the first compaction of an activation, and the one after a
/// failure, truncate everything behind their point by query, so leftovers go too.
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
    public async Task Later_compactions_delete_by_key_only_the_rows_the_previous_snapshot_covered()
    {
        var (store, state) = await LoadAsync();

        await RecordAndSnapshotAsync(store, state, 3); // snapshot 3: nothing behind an earlier snapshot yet
        await RecordAndSnapshotAsync(store, state, 4); // snapshot 7: rows 1..3 go
        await RecordAndSnapshotAsync(store, state, 2); // snapshot 9: rows 4..7 go

        Assert.Equal(["range 0..3", "range 3..7"], _journal.Compactions);
        Assert.Equal(2, _journal.CountOf(User)); // rows 8..9, behind the last snapshot only
    }

    [Fact]
    public async Task After_a_failed_compaction_the_next_one_truncates_everything_behind_its_point()
    {
        var (store, state) = await LoadAsync();
        await RecordAndSnapshotAsync(store, state, 3);

        _journal.FailNextCompaction = true;
        await RecordAndSnapshotAsync(store, state, 2);
        Assert.Equal(5, _journal.CountOf(User)); // rows 1..3 stayed

        await RecordAndSnapshotAsync(store, state, 2);
        Assert.Equal(["range 0..3", "through 5"], _journal.Compactions);
        Assert.Equal(2, _journal.CountOf(User)); // rows 6..7
    }

    [Fact]
    public async Task An_activation_that_replayed_a_tail_first_truncates_everything_behind_its_loaded_snapshot()
    {
        var (crashed, state) = await LoadAsync();
        await RecordAndSnapshotAsync(crashed, state, 3);
        await RecordAsync(crashed, state, 2); // then the silo died: no snapshot covers 4..5

        var (store, reloaded) = await LoadAsync();
        Assert.Equal(5, reloaded.Sequence);
        await RecordAndSnapshotAsync(store, reloaded, 1);
        await RecordAndSnapshotAsync(store, reloaded, 1);

        Assert.Equal(["through 3", "range 3..6"], _journal.Compactions);
        Assert.Equal(1, _journal.CountOf(User));
    }

    [Fact]
    public async Task An_activation_first_truncates_the_rows_its_predecessor_left_behind_its_last_snapshot()
    {
        var (first, state) = await LoadAsync();
        await RecordAndSnapshotAsync(first, state, 3); // and deactivated: snapshot 3, rows 1..3 kept as the fence

        var (store, reloaded) = await LoadAsync();
        Assert.Equal(3, _journal.CountOf(User));
        await RecordAndSnapshotAsync(store, reloaded, 2);

        Assert.Equal(["through 3"], _journal.Compactions);
        Assert.Equal(2, _journal.CountOf(User)); // rows 4..5
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
