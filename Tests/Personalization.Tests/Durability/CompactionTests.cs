using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Grains.Journal;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// Compaction after each snapshot deletes only the rows since the previous compaction, by key (no query), while that is
/// known; after a failed compaction, or in an activation that replayed a journal tail (the previous one crashed), it
/// truncates everything behind the snapshot, so leftovers go too.
/// </summary>
[Trait("Category", "Durability")]
public sealed class CompactionTests
{
    private const string User = "compaction-user";
    private readonly Vocabulary _vocabulary = new();
    private readonly FakeSnapshotStore _snapshots = new();
    private readonly RecordingJournal _journal = new();
    private readonly EventMapper _mapper;

    public CompactionTests() => _mapper = new EventMapper(_vocabulary);

    [Fact]
    public async Task Later_compactions_delete_only_the_rows_since_the_previous_one()
    {
        var (store, state) = await LoadAsync();

        await RecordAndSnapshotAsync(store, state, 3);
        await RecordAndSnapshotAsync(store, state, 4);
        await RecordAndSnapshotAsync(store, state, 2);

        Assert.Equal(["range 0..3", "range 3..7", "range 7..9"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    [Fact]
    public async Task After_a_failed_compaction_the_next_one_truncates_everything_behind_the_snapshot()
    {
        var (store, state) = await LoadAsync();
        await RecordAndSnapshotAsync(store, state, 3);

        _journal.FailNextCompaction = true;
        await RecordAndSnapshotAsync(store, state, 2);
        Assert.Equal(2, _journal.CountOf(User)); // rows 4..5 stayed

        await RecordAndSnapshotAsync(store, state, 2);
        Assert.Equal(["range 0..3", "range 3..5", "through 7"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    [Fact]
    public async Task An_activation_that_replayed_a_tail_first_truncates_everything_behind_its_snapshot()
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
    public async Task An_activation_that_loaded_a_snapshot_without_a_tail_compacts_by_key_from_it()
    {
        var (first, state) = await LoadAsync();
        await RecordAndSnapshotAsync(first, state, 3); // and deactivated cleanly: snapshot 3, journal empty

        var (store, reloaded) = await LoadAsync();
        await RecordAndSnapshotAsync(store, reloaded, 2);

        Assert.Equal(["range 0..3", "range 3..5"], _journal.Compactions);
        Assert.Equal(0, _journal.CountOf(User));
    }

    private async Task RecordAndSnapshotAsync(ListenerStore store, ListenerState state, int events)
    {
        await RecordAsync(store, state, events);
        Assert.True(await store.SnapshotAsync(state));
        await store.CompactionCompleted;
    }

    private async Task RecordAsync(ListenerStore store, ListenerState state, int events)
    {
        var entries = new List<JournalEntry>();
        for (var i = 0; i < events; i++)
        {
            var n = state.Sequence + 1;
            var e = new ListenEvent($"k-{n}", $"k-t{n}", "k-a", EventKind.Complete, new DateTimeOffset(2026, 1, 1, 0, (int)n, 0, TimeSpan.Zero), 1000, 1000);
            state.Apply(e.EventId, _mapper.ToListen(e));
            entries.Add(new JournalEntry(state.Sequence, e));
        }

        await store.AppendAsync(entries);
    }

    private async Task<(ListenerStore Store, ListenerState State)> LoadAsync()
    {
        await _snapshots.ReadStateAsync();
        var store = new ListenerStore(User, _snapshots, _journal, new SnapshotCodec(_vocabulary), _mapper, new SnapshotOptions(), TimeProvider.System, NullLogger.Instance);
        return (store, await store.LoadAsync(null, new EngineOptions(), CancellationToken.None));
    }
}
