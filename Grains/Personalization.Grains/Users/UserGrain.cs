using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Journal;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;
using Personalization.Grains.Operations;
using Personalization.Grains.State;

namespace Personalization.Grains.Users;

/// <summary>
/// One listener. Thin: validates (all or nothing), applies events to the engine's <see cref="ListenerState"/> in order,
/// journals them and acknowledges only after the durable commit (<see cref="ListenerStore"/>), then hands what each
/// step teaches to the silo's model feed (no grain call per event), and answers recommendations from the silo-local
/// read model (no grain call either).
/// </summary>
public sealed class UserGrain(ListenerServices services) : Grain, IUserGrain, IListenerCheckpointGrain, IGrainMigrationParticipant, IListenerIdentity
{
    private const string MigratedStateKey = "pzn.listener";

    /// <summary>What a migration carries of the stored snapshot (its sequence, ETag, existence), so the next activation need not read it.</summary>
    private const string MigratedStoredKey = "pzn.listener.stored";
    private ListenerStore _store = null!;
    private ListenerState _state = null!;

    /// <summary>What a migration brought (set by <c>OnRehydrate</c>, dropped once activated): one field, not two, per listener.</summary>
    private Carried? _carried;
    private ulong _listenerKey;
    private ListenerIds _ids = null!;

    /// <summary>Whose snapshot <see cref="ListenerSnapshotState"/> reads and writes: this grain's.</summary>
    GrainId IListenerIdentity.ListenerGrainId => this.GetGrainId();

    /// <summary>Set when an append failed: memory may be ahead of storage, so this activation must neither snapshot nor serve again.</summary>
    private bool _poisoned;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ids = new ListenerIds(services.Mapper.Vocabulary, MaxLeases(services.Engine));
        var stored = new ListenerSnapshotState(services.UserStorage, this);
        if (_carried?.Stored is { } carried) stored.Restore(carried);
        else await stored.ReadStateAsync(cancellationToken);
        _store = new ListenerStore(this.GetPrimaryKeyString(), stored, services.Store); // logs name the listener by a keyed hash
        await services.Catalog.WhenLoadedAsync(cancellationToken); // on a silo that just joined: its catalogue rules first (Strict, takedowns)
        _state = await _store.LoadAsync(_carried?.Snapshot, services.Engine, cancellationToken, _ids);
        _state.Rewards.Observer = services.RewardObserver; // after the journal replay: replayed events are not attributed twice
        _listenerKey = Personalization.Engine.StableHash.Of(this.GetPrimaryKeyString());
        _carried = null;
        ServiceProvider.GetRequiredService<PersonalizationMetrics>().UserActivated(); // operations hook: active users gauge
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_state is not null) ServiceProvider.GetRequiredService<PersonalizationMetrics>().UserDeactivated(); // operations hook
        // The listener's leased ids stay valid until its names are written: by the snapshot, and when migrating by
        // OnDehydrate, which the runtime calls after this method (it releases them then).
        var migrating = reason.ReasonCode == DeactivationReasonCode.Migrating;
        if (_poisoned || _state is null)
        {
            if (!migrating) _ids?.ReleaseAll();
            return;
        }

        // The snapshot's compaction is not awaited: it is a notice to the partition writer, which may itself be moving
        // while this silo shuts down; a lost notice is repeated by the next one or the writer's sweep.
        try
        {
            await _store.SnapshotAsync(_state);
        }
        finally
        {
            if (!migrating) _ids.ReleaseAll();
        }
    }

    // The stored shell is not the state: when Orleans migrates this activation, carry the live state across instead.
    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext)
    {
        try
        {
            if (!_poisoned)
            {
                dehydrationContext.TryAddValue(MigratedStateKey, services.Codec.Capture(_state));
                dehydrationContext.TryAddValue(MigratedStoredKey, _store.CaptureStored());
            }
        }
        finally
        {
            _ids?.ReleaseAll(); // names captured: the leases end here when migrating (see OnDeactivateAsync)
        }
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        rehydrationContext.TryGetValue(MigratedStateKey, out UserSnapshot? snapshot);
        rehydrationContext.TryGetValue(MigratedStoredKey, out GrainState<UserSnapshot>? stored);
        _carried = new Carried(snapshot, stored);
    }

    private sealed record Carried(UserSnapshot? Snapshot, GrainState<UserSnapshot>? Stored);

    Task<RecordResult> IUserGrain.RecordAsync(ListenEvent listenEvent) =>
        RecordAsync(services.Validator.ValidateEvent(listenEvent, services.Clock.GetUtcNow()), [listenEvent], single: true);

    Task<RecordResult> IUserGrain.RecordBatchAsync(IReadOnlyList<ListenEvent> events) =>
        RecordAsync(services.Validator.ValidateBatch(events, services.Clock.GetUtcNow()), events);

    Task<RecordResult> IUserGrain.ImportAsync(IReadOnlyList<ListenEvent> events) =>
        RecordAsync(services.Validator.ValidateBatch(events, services.Clock.GetUtcNow()), events, import: true);

    async Task<RecommendationList> IUserGrain.RecommendAsync(RecommendRequest request)
    {
        ThrowIfInvalid(services.Validator.ValidateRecommend(request));
        var seed = request.Seed is { } named && services.Mapper.Vocabulary.TryGetId(named, out var seedId) ? seedId : -1;
        await services.Tail.PrepareAsync(_state, seed); // completes at once unless an anchor's list is in the model's tail and not cached
        var now = request.At ?? services.Clock.GetUtcNow();
        HashSet<int>? exclude = null;
        if (request.Exclude is { Count: > 0 } excluded)
        {
            exclude = [];
            foreach (var id in excluded)
            {
                if (services.Mapper.Vocabulary.TryGetId(id, out var track)) exclude.Add(track);
            }
        }

        // Served lists are remembered (for reward attribution) in memory only; see RewardLedger.
        var served = services.Policy.Serve(_state, services.Model, now.ToUnixTimeMilliseconds(), request.Count, exclude, _listenerKey, services.Catalog.For(request));
        var session = SessionOutcomes.Of(_state, now.ToUnixTimeMilliseconds());
        var items = new Recommendation[served.Count];
        for (var i = 0; i < served.Count; i++) items[i] = services.Mapper.ToRecommendation(served[i], i, session);
        return new RecommendationList(Guid.NewGuid().ToString("N"), services.Clock.GetUtcNow(), items);
    }

    Task<UserProfile> IUserGrain.GetProfileAsync() =>
        Task.FromResult(ProfileView.Create(this.GetPrimaryKeyString(), _state, services.Mapper, services.Clock.GetUtcNow().ToUnixTimeMilliseconds()));

    async Task<UserExport> IUserGrain.ExportAsync() =>
        ExportView.Create(this.GetPrimaryKeyString(), services.Codec.Capture(_state)) with { JournalTail = await _store.ReadTailAsync(CancellationToken.None) };

    Task<TasteSummary> IUserGrain.GetTasteSummaryAsync(TasteSummaryRequest request) =>
        Task.FromResult(services.TasteViews.Summarize(this.GetPrimaryKeyString(), _state, request, services.Clock.GetUtcNow()));

    Task<RecommendationList> IUserGrain.DiscoverAsync(RecommendRequest request) =>
        Task.FromResult(services.TasteViews.Discover(_state, request, services.Clock.GetUtcNow()));

    // Loading replayed any tail; writing the snapshot lets the journal release what it covers.
    async Task IListenerCheckpointGrain.CheckpointAsync()
    {
        if (_poisoned) return;
        await _store.SnapshotAsync(_state);
        await _store.CompactionCompleted;
    }

    async Task IUserGrain.ForgetAsync()
    {
        _state.Clear();
        await _store.DeleteAsync();
        DeactivateOnIdle();
    }

    private async Task<RecordResult> RecordAsync(IReadOnlyList<FieldError> errors, IReadOnlyList<ListenEvent> events, bool import = false, bool single = false)
    {
        ThrowIfInvalid(errors);
        services.Catalog.ThrowIfUnknown(events, single); // Strict mode: the whole batch or nothing
        var duplicates = 0;
        var entries = new List<JournalEntry>(events.Count);
        var observations = new List<ModelObservation>(events.Count);
        var examples = new List<(RankingExample Example, long TimeMs)>();
        foreach (var e in events)
        {
            if (import && _state.Covers(e.EventId, e.Timestamp.ToUnixTimeMilliseconds()))
            {
                duplicates++; // already in this listener's history: nothing changes, not even the duplicate counter
                continue;
            }

            var listen = services.Mapper.ToListen(e, _ids.Id);
            // A play's example is the state just before it; a redelivered event is not a play (no work, no budget spent).
            var example = listen.Kind is SignalKind.Play or SignalKind.Complete && !_state.IsDuplicate(e.EventId)
                ? services.Recommender.ExampleFor(_state, services.Model, listen.TimeMs, listen.Track)
                : null;
            var change = _state.Apply(e.EventId, listen);
            if (!change.Applied)
            {
                duplicates++;
                continue;
            }

            entries.Add(new JournalEntry(_state.Sequence, e));
            if (change.NewStep && !change.EarlySkip)
            {
                if (example is not null) examples.Add((example, listen.TimeMs));
                var zeroLength = e.Kind == EventKind.Complete && e.PositionMs == 0;
                if (ModelContribution.Of(_state, listen, _listenerKey, zeroLength) is { } observation) observations.Add(observation);
            }
        }

        if (entries.Count > 0)
        {
            try
            {
                await _store.AppendAsync(entries);
            }
            catch (JournalConflictException conflict)
            {
                // Another activation of this user wrote these sequences first: this one is stale. Nothing was stored;
                // the caller retries (same event ids) against an activation rebuilt from storage.
                _poisoned = true;
                DeactivateOnIdle();
                throw new StorageUnavailableException($"Another writer of this listener's state was active; retry. ({conflict.Message})", TimeSpan.FromMilliseconds(100))
                {
                    ActivationMoved = true,
                };
            }
            catch
            {
                // Not acknowledged. Memory is now ahead of what storage confirmed: rebuild from storage on the next call
                // (a retry of the same event ids is then applied exactly once, whether or not this commit landed).
                _poisoned = true;
                DeactivateOnIdle();
                throw;
            }

            foreach (var o in observations) services.Feed.Publish(o); // names resolved now, while this listener holds its ids
            _ids.Collect(_state);
            foreach (var (example, timeMs) in examples) services.Ranker.Add(example, timeMs); // committed plays only: the silo's re-ranker learns from them
            if (!await _store.MaybeSnapshotAsync(_state)) DeactivateOnIdle(); // a newer activation wrote: hand over to storage
        }

        return new RecordResult(entries.Count, duplicates, _state.Sequence);
    }

    /// <summary>Leases a listener may hold before the ones its state no longer references are released.</summary>
    private static int MaxLeases(EngineOptions options) =>
        2 * (2 * options.HistoryCapacity + options.MaxArtistAffinities + options.MaxTrackAffinities + options.MaxBlockedTracks + options.Rewards.MaxServedLists * options.Rewards.MaxServedItems);

    private static void ThrowIfInvalid(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new InvalidEventException(errors);
    }
}
