using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Grains.Model;
using Personalization.Grains.State;

namespace Personalization.Grains.Users;

/// <summary>
/// One listener. Thin: validates (all or nothing), applies events to the engine's <see cref="ListenerState"/> in order,
/// hands what each step teaches to the silo's model feed (no grain call per event), persists, and answers
/// recommendations from the silo-local read model (no grain call either).
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Users)] IPersistentState<UserSnapshot> store,
    SnapshotCodec codec,
    EventMapper mapper,
    Recommender recommender,
    IModelView model,
    IModelFeed feed,
    RequestValidator validator,
    TimeProvider clock,
    IOptions<EngineOptions> engineOptions) : Grain, IUserGrain, IGrainMigrationParticipant
{
    private const string MigratedStateKey = "pzn.listener";
    private readonly EngineOptions _options = engineOptions.Value;
    private ListenerState _state = null!;
    private UserSnapshot? _migrated;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var snapshot = _migrated ?? (store.RecordExists ? store.State : null);
        _state = snapshot is null ? new ListenerState(_options) : codec.Restore(snapshot, _options);
        _migrated = null;
        store.State = new UserSnapshot(); // the live state is the engine's; keep only the small shell between writes
        return Task.CompletedTask;
    }

    // The stored shell is not the state: when Orleans migrates this activation, carry the live state across instead.
    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext) =>
        dehydrationContext.TryAddValue(MigratedStateKey, codec.Capture(_state));

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(MigratedStateKey, out UserSnapshot? snapshot)) _migrated = snapshot;
    }

    Task<RecordResult> IUserGrain.RecordAsync(ListenEvent listenEvent) =>
        RecordAsync(validator.ValidateEvent(listenEvent, clock.GetUtcNow()), [listenEvent]);

    Task<RecordResult> IUserGrain.RecordBatchAsync(IReadOnlyList<ListenEvent> events) =>
        RecordAsync(validator.ValidateBatch(events, clock.GetUtcNow()), events);

    Task<RecommendationList> IUserGrain.RecommendAsync(RecommendRequest request)
    {
        ThrowIfInvalid(validator.ValidateRecommend(request));
        var now = request.At ?? clock.GetUtcNow();
        HashSet<int>? exclude = null;
        if (request.Exclude is { Count: > 0 } excluded)
        {
            exclude = [];
            foreach (var id in excluded)
            {
                if (mapper.Vocabulary.TryGetId(id, out var track)) exclude.Add(track);
            }
        }

        var ranked = recommender.Recommend(_state, model, now.ToUnixTimeMilliseconds(), request.Count, exclude);
        var items = new Recommendation[ranked.Count];
        for (var i = 0; i < ranked.Count; i++) items[i] = mapper.ToRecommendation(ranked[i]);
        return Task.FromResult(new RecommendationList(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), items));
    }

    Task<UserProfile> IUserGrain.GetProfileAsync() =>
        Task.FromResult(ProfileView.Create(this.GetPrimaryKeyString(), _state, mapper, clock.GetUtcNow().ToUnixTimeMilliseconds()));

    Task<UserExport> IUserGrain.ExportAsync() => Task.FromResult(ExportView.Create(this.GetPrimaryKeyString(), codec.Capture(_state)));

    async Task IUserGrain.ForgetAsync()
    {
        _state.Clear();
        await store.ClearStateAsync();
        store.State = new UserSnapshot();
        DeactivateOnIdle();
    }

    private async Task<RecordResult> RecordAsync(IReadOnlyList<FieldError> errors, IReadOnlyList<ListenEvent> events)
    {
        ThrowIfInvalid(errors);
        var applied = 0;
        var duplicates = 0;
        Span<int> predecessors = stackalloc int[_options.TransitionWindow];
        foreach (var e in events)
        {
            var listen = mapper.ToListen(e);
            var change = _state.Apply(e.EventId, listen);
            if (!change.Applied)
            {
                duplicates++;
                continue;
            }

            applied++;
            if (change.NewStep && !change.EarlySkip)
            {
                var n = _state.CopyPredecessors(predecessors);
                feed.Publish(new ModelObservation(listen.Track, listen.Artist, listen.TimeMs, 1f, predecessors[..n].ToArray()));
            }
        }

        if (applied > 0) await PersistAsync();
        return new RecordResult(applied, duplicates, _state.Sequence);
    }

    private async Task PersistAsync()
    {
        store.State = codec.Capture(_state);
        try
        {
            await store.WriteStateAsync();
        }
        finally
        {
            store.State = new UserSnapshot();
        }
    }

    private static void ThrowIfInvalid(IReadOnlyList<FieldError> errors)
    {
        if (errors.Count > 0) throw new InvalidEventException(errors);
    }
}
