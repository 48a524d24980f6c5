using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Journal;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>ETag conflicts on snapshots (e.g. a duplicate activation during a membership change) are resolved by re-reading.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class SnapshotConflictTests
{
    private readonly Vocabulary _vocabulary = new();
    private readonly FakeSnapshotStore _snapshots = new();
    private readonly MemoryEventJournal _journal = new();

    [Fact]
    public async Task When_storage_holds_a_newer_snapshot_this_activation_is_stale_and_does_not_overwrite_it()
    {
        var (store, state) = await LoadAsync();
        Apply(state, 3);
        var newer = new SnapshotCodec(_vocabulary).Capture(state);
        newer.Sequence = 10; // another activation got further
        _snapshots.WriteBehindTheBack(newer);

        var current = await store.SnapshotAsync(state);

        Assert.False(current);
        Assert.Equal(10, _snapshots.Stored!.Sequence);
        Assert.Equal(0, _snapshots.Writes);
    }

    [Fact]
    public async Task When_storage_holds_an_older_snapshot_it_is_re_read_and_overwritten_once()
    {
        var (store, state) = await LoadAsync();
        Apply(state, 5);
        var older = new SnapshotCodec(_vocabulary).Capture(state);
        older.Sequence = 2;
        _snapshots.WriteBehindTheBack(older);

        var current = await store.SnapshotAsync(state);

        Assert.True(current);
        Assert.Equal(5, _snapshots.Stored!.Sequence);
        Assert.Equal(1, _snapshots.Writes);
        Assert.Equal(5, store.SnapshotSequence);
    }

    [Fact]
    public async Task Loading_replays_the_journal_tail_after_the_snapshot_exactly_once()
    {
        var (store, state) = await LoadAsync();
        var events = Apply(state, 4);
        await store.AppendAsync([.. events.Select((e, i) => new JournalEntry(i + 1, e))]);
        await store.SnapshotAsync(StateAfter(events[..2])); // the snapshot covers 2; the journal still holds 1..4

        var (_, reloaded) = await LoadAsync();

        Assert.Equal(4, reloaded.Sequence);
        Assert.Equal(4, reloaded.Counters.Events);
        Assert.Equal(0, reloaded.Counters.Duplicates);
    }

    private async Task<(ListenerStore Store, ListenerState State)> LoadAsync()
    {
        await _snapshots.ReadStateAsync();
        var codec = new SnapshotCodec(_vocabulary);
        var store = new ListenerStore(
            "conflict-user", _snapshots,
            new ListenerStoreServices(_journal, codec, new EventMapper(_vocabulary), new SnapshotOptions(), TimeProvider.System, NullLogger.Instance, UserIdPseudonyms.Create(new LogPrivacyOptions())));
        return (store, await store.LoadAsync(null, new EngineOptions(), CancellationToken.None));
    }

    private ListenEvent[] Apply(ListenerState state, int count)
    {
        var mapper = new EventMapper(_vocabulary);
        var events = Enumerable.Range(0, count)
            .Select(i => new ListenEvent($"c-{i}", $"c-t{i}", "c-a", EventKind.Complete, new DateTimeOffset(2026, 1, 1, 0, i, 0, TimeSpan.Zero), 1000, 1000))
            .ToArray();
        foreach (var e in events) state.Apply(e.EventId, mapper.ToListen(e));
        return events;
    }

    private ListenerState StateAfter(ListenEvent[] events)
    {
        var state = new ListenerState(new EngineOptions());
        var mapper = new EventMapper(_vocabulary);
        foreach (var e in events) state.Apply(e.EventId, mapper.ToListen(e));
        return state;
    }
}
