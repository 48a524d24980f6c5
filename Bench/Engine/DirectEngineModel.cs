using Microsoft.Extensions.Configuration;
using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;
using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;

namespace Personalization.Bench.Engine;

/// <summary>
/// The fast path for tuning (<c>evaluate --direct</c>): the engine classes driven without Orleans, mirroring what the user
/// grain does per event (apply, publish an observation per new step) and what the pipeline does (learn in batches, here
/// synced before every recommendation) and what the grain serves (<see cref="RecommendationPolicy"/>: exploration when
/// <c>Personalization:Exploration:Enabled</c>, served lists remembered for rewards, one <see cref="SourceArms"/> for all
/// listeners as on a silo). Reported as <c>engine-direct</c>, never as the engine row.
/// </summary>
public sealed class DirectEngineModel : ISequenceModel, IPropensityLogger
{
    private readonly EngineOptions _options;
    private readonly Vocabulary _vocabulary = new();
    private readonly Dictionary<string, ListenerState> _listeners = new(StringComparer.Ordinal);
    private readonly ModelLearner _learner;
    private readonly LiveModel _model = new();
    private readonly Recommender _recommender;
    private readonly Recommender _engineOrder;
    private readonly LearnedRanker _ranker;
    private readonly RecommendationPolicy _policy;
    private readonly SourceArms _arms;
    private readonly List<ModelObservation> _pending = [];
    private readonly int[] _predecessors;
    private readonly string _eventPrefix;
    private readonly QueryBreakdown? _breakdown;
    private readonly CandidateExport? _export;
    private (string User, long NowMs, IReadOnlyList<RecommendedTrack> Ranked)? _lastQuery;

    public DirectEngineModel(string eventPrefix, IReadOnlyDictionary<string, string?> settings, string name = "engine-direct", DirectInstruments? instruments = null)
    {
        _options = new EngineOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        configuration.GetSection(EngineOptions.SectionName).Bind(_options);
        var exploration = new ExplorationOptions();
        configuration.GetSection(ExplorationOptions.SectionName).Bind(exploration);
        var ranking = new RankerOptions();
        configuration.GetSection(RankerOptions.SectionName).Bind(ranking);
        var errors = _options.Validate().Concat(exploration.Validate()).Concat(ranking.Validate()).ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(settings));
        _learner = new ModelLearner(_options);
        _arms = new SourceArms(exploration);
        _ranker = new LearnedRanker(ranking);
        _recommender = new Recommender(_options, _ranker);
        _engineOrder = new Recommender(_options);
        _policy = new RecommendationPolicy(_recommender, new SourceExplorer(exploration, _arms), _options);
        Name = name;
        IsStochastic = exploration is { Enabled: true, Epsilon: > 0 };
        _predecessors = new int[_options.TransitionWindow];
        _eventPrefix = eventPrefix;
        _breakdown = instruments is { Breakdown: true } ? new QueryBreakdown(instruments.MissesPath) : null;
        _export = instruments?.CandidatesPath is { } candidates ? new CandidateExport(candidates, eventPrefix) : null;
    }

    public string Name { get; }

    public IReadOnlyList<double> LastPropensities { get; private set; } = [];

    public bool IsStochastic { get; }

    public ValueTask RecordAsync(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var state = StateOf(e.UserId);
        var listen = new Listen(_vocabulary.Intern(e.ItemId), _vocabulary.Intern(e.ArtistId), SignalKind.Play, e.Time * 1000);
        if (_lastQuery is { } q && q.User == e.UserId)
        {
            _breakdown?.Add(state, _model, q.Ranked, q.NowMs, listen.Track, listen.Artist);
            _export?.Add(state, _model, q.Ranked, q.NowMs, listen.Track);
        }

        _lastQuery = null;
        _export?.Observe(e.UserId, listen.Track, listen.Artist, listen.TimeMs);
        var example = _recommender.ExampleFor(state, _model, listen.TimeMs, listen.Track); // as the grain does for plays
        var change = state.Apply($"{_eventPrefix}:{e.Order}", listen);
        if (change.NewStep && !change.EarlySkip)
        {
            if (example is not null) _ranker.Add(example, listen.TimeMs);
            var n = state.CopyPredecessors(_predecessors);
            _pending.Add(new ModelObservation(listen.Track, listen.Artist, listen.TimeMs, 1f, _predecessors[..n]));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask SyncAsync()
    {
        if (_pending.Count > 0)
        {
            _model.Apply(_learner.Apply(_pending));
            _pending.Clear();
        }

        await _ranker.WhenTrainedAsync(); // as the pipeline's flush does on a silo
    }

    public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        var state = StateOf(query.UserId);
        if (_breakdown is not null || _export is not null)
        {
            _lastQuery = (query.UserId, query.Time * 1000, _engineOrder.Recommend(state, _model, query.Time * 1000, QueryBreakdown.DepthChecked));
        }

        var served = _policy.Serve(state, _model, query.Time * 1000, count, null, Personalization.Engine.StableHash.Of(query.UserId));
        LastPropensities = [.. served.Select(s => s.Propensity)];
        return ValueTask.FromResult<IReadOnlyList<string>>([.. served.Select(s => _vocabulary.NameOf(s.Item.Track))]);
    }

    public ValueTask DisposeAsync()
    {
        if (_breakdown is not null) Console.Error.Write(_breakdown.Render());
        Console.Error.WriteLine($"{Name}: learned re-ranker: {_ranker.ExamplesSeen} examples, {_ranker.ModelsTrained} models trained{(_ranker.LastError is { } e ? $", last failure: {e.Message}" : "")}");
        _export?.Dispose();
        return ValueTask.CompletedTask;
    }

    private ListenerState StateOf(string user)
    {
        if (!_listeners.TryGetValue(user, out var state))
        {
            state = new ListenerState(_options);
            state.Rewards.Observer = _arms; // as the grain's reward feed does on a silo (without the metrics)
            _listeners[user] = state;
        }

        return state;
    }
}
