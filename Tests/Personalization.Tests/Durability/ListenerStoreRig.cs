using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Journal;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// One listener's <see cref="ListenerStore"/> driven as the user grain drives it, without Orleans: one stored snapshot
/// (<see cref="FakeSnapshotStore"/>) that each activation reads through its own view, over the given journal.
/// </summary>
public sealed class ListenerStoreRig(string userId, IEventJournal journal)
{
    private readonly Vocabulary _vocabulary = new();

    public FakeSnapshotStore Snapshots { get; } = new();

    /// <summary>A new view of the stored snapshot, read as Orleans reads an activation's state before it activates.</summary>
    public async Task<FakeSnapshotStore> OpenViewAsync()
    {
        var view = Snapshots.OpenAnother();
        await view.ReadStateAsync();
        return view;
    }

    public ListenerStore Store(FakeSnapshotStore view) =>
        new(
            userId, view,
            new ListenerStoreServices(
                journal, new SnapshotCodec(_vocabulary), new EventMapper(_vocabulary), new SnapshotOptions(), TimeProvider.System, NullLogger.Instance,
                UserIdPseudonyms.Create(new LogPrivacyOptions())));

    /// <summary>A new activation: its own view of the stored snapshot, then snapshot + journal tail.</summary>
    public async Task<(ListenerStore Store, ListenerState State)> LoadAsync()
    {
        var store = Store(await OpenViewAsync());
        return (store, await store.LoadAsync(null, new EngineOptions(), CancellationToken.None));
    }

    /// <summary>What the grain does per call: apply, then append; acknowledged once the append returns.</summary>
    public async Task RecordAsync(ListenerStore store, ListenerState state, params string[] eventIds)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(state);
        var mapper = new EventMapper(_vocabulary);
        var entries = new List<JournalEntry>();
        foreach (var id in eventIds)
        {
            var e = new ListenEvent(id, $"t-{id}", "a", EventKind.Complete, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(state.Sequence + 1), 1000, 1000);
            state.Apply(e.EventId, mapper.ToListen(e));
            entries.Add(new JournalEntry(state.Sequence, e));
        }

        await store.AppendAsync(entries);
    }

    /// <summary>Records <paramref name="events"/> more events (ids by sequence).</summary>
    public Task RecordAsync(ListenerStore store, ListenerState state, int events) =>
        RecordAsync(store, state, [.. Enumerable.Range(1, events).Select(i => $"e-{state.Sequence + i}")]);
}
