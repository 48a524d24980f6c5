using Microsoft.Extensions.Configuration;
using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;
using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Bench.Engine;

/// <summary>
/// Hidden fast path for tuning (<c>--direct</c>): the engine classes driven without Orleans, mirroring what the user
/// grain does per event (apply, publish an observation per new step) and what the pipeline does (learn in batches, here
/// synced before every recommendation). Reported as <c>engine-direct</c>, never as the engine row.
/// </summary>
public sealed class DirectEngineModel : ISequenceModel
{
    private readonly EngineOptions _options;
    private readonly Vocabulary _vocabulary = new();
    private readonly Dictionary<string, ListenerState> _listeners = new(StringComparer.Ordinal);
    private readonly ModelLearner _learner;
    private readonly LiveModel _model = new();
    private readonly Recommender _recommender;
    private readonly List<ModelObservation> _pending = [];
    private readonly int[] _predecessors;
    private readonly string _eventPrefix;
    private readonly QueryBreakdown? _breakdown = QueryBreakdown.Enabled ? new QueryBreakdown() : null;
    private (string User, long NowMs, IReadOnlyList<RecommendedTrack> Ranked)? _lastQuery;

    public DirectEngineModel(string eventPrefix, IReadOnlyDictionary<string, string?> settings)
    {
        _options = new EngineOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(EngineOptions.SectionName).Bind(_options);
        var errors = _options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(settings));
        _learner = new ModelLearner(_options);
        _recommender = new Recommender(_options);
        _predecessors = new int[_options.TransitionWindow];
        _eventPrefix = eventPrefix;
    }

    public string Name => "engine-direct";

    public ValueTask RecordAsync(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var state = StateOf(e.UserId);
        var listen = new Listen(_vocabulary.Intern(e.ItemId), _vocabulary.Intern(e.ArtistId), SignalKind.Play, e.Time * 1000);
        if (_lastQuery is { } q && q.User == e.UserId)
        {
            _breakdown?.Add(state, _model, q.Ranked, q.NowMs, listen.Track, listen.Artist);
        }

        _lastQuery = null;
        var change = state.Apply($"{_eventPrefix}:{e.Order}", listen);
        if (change.NewStep && !change.EarlySkip)
        {
            var n = state.CopyPredecessors(_predecessors);
            _pending.Add(new ModelObservation(listen.Track, listen.Artist, listen.TimeMs, 1f, _predecessors[..n]));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SyncAsync()
    {
        if (_pending.Count == 0) return ValueTask.CompletedTask;
        _model.Apply(_learner.Apply(_pending));
        _pending.Clear();
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        var state = StateOf(query.UserId);
        if (_breakdown is not null)
        {
            _lastQuery = (query.UserId, query.Time * 1000, _recommender.Recommend(state, _model, query.Time * 1000, QueryBreakdown.DepthChecked));
        }

        var ranked = _recommender.Recommend(state, _model, query.Time * 1000, count);
        return ValueTask.FromResult<IReadOnlyList<string>>([.. ranked.Select(r => _vocabulary.NameOf(r.Track))]);
    }

    public ValueTask DisposeAsync()
    {
        if (_breakdown is not null) Console.Error.Write(_breakdown.Render());
        return ValueTask.CompletedTask;
    }

    private ListenerState StateOf(string user)
    {
        if (!_listeners.TryGetValue(user, out var state))
        {
            state = new ListenerState(_options);
            _listeners[user] = state;
        }

        return state;
    }
}
