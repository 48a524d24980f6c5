using Orleans.Serialization;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Load;
using Personalization.Engine.Model;
using Personalization.Grains.State;
using Personalization.Grains.Users;
using StackExchange.Redis;

namespace Personalization.Bench.Perf;

/// <summary>
/// What a team would build without actors: a stateless service running the same engine (<see cref="ListenerState"/>,
/// <see cref="Recommender"/>, the same validation and mapping) that loads each user's state from Redis, handles the
/// request and saves it back (events) — every request pays a read (and a write) plus the snapshot codec in the Orleans
/// binary format. The model is learned once up front from the same synthetic catalog (it does not learn online here,
/// which only helps the peer).
/// </summary>
public sealed class RedisPeer
{
    private readonly IDatabase _redis;
    private readonly Serializer _serializer;
    private readonly Vocabulary _vocabulary = new();
    private readonly EngineOptions _options = new();
    private readonly SnapshotCodec _codec;
    private readonly EventMapper _mapper;
    private readonly Recommender _recommender;
    private readonly RequestValidator _validator = new(new ValidationLimits());
    private readonly LiveModel _model = new();

    public RedisPeer(IDatabase redis, Serializer serializer)
    {
        _redis = redis;
        _serializer = serializer;
        _codec = new SnapshotCodec(_vocabulary);
        _mapper = new EventMapper(_vocabulary);
        _recommender = new Recommender(_options);
    }

    /// <summary>Learns the synthetic catalog into the peer's model (the cluster learns the same through its model shards).</summary>
    public void LearnCatalog(int tracks, DateTimeOffset at)
    {
        var learner = new ModelLearner(_options);
        var timeMs = at.ToUnixTimeMilliseconds();
        foreach (var chunk in Enumerable.Range(0, tracks).Chunk(4096))
        {
            var batch = chunk.Select(t => LoadCatalog.Observe(_vocabulary, t, tracks, timeMs)).ToList();
            _model.Apply(learner.Apply(batch));
        }
    }

    /// <summary>Stores warm users (the same synthetic histories the cluster's warm users get).</summary>
    public async Task SeedUsersAsync(string prefix, int users, int events, int catalogTracks, DateTimeOffset lastEventAt)
    {
        foreach (var chunk in Enumerable.Range(0, users).Chunk(500))
        {
            await Task.WhenAll(chunk.Select(u =>
            {
                var state = LoadCatalog.BuildListener(_vocabulary, _options, u, events, catalogTracks, lastEventAt.ToUnixTimeMilliseconds());
                return _redis.StringSetAsync(LoadCatalog.UserId(prefix, u), _serializer.SerializeToArray(_codec.Capture(state)));
            }));
        }
    }

    public async Task<RecordResult> RecordAsync(string userId, ListenEvent e)
    {
        var errors = _validator.ValidateEvent(e, DateTimeOffset.UtcNow);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        var state = await LoadAsync(userId);
        var change = state.Apply(e.EventId, _mapper.ToListen(e));
        if (change.Applied) await _redis.StringSetAsync(userId, _serializer.SerializeToArray(_codec.Capture(state)));
        return new RecordResult(change.Applied ? 1 : 0, change.Applied ? 0 : 1, state.Sequence);
    }

    public async Task<RecommendationList> RecommendAsync(string userId, RecommendRequest request)
    {
        var errors = _validator.ValidateRecommend(request);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        var state = await LoadAsync(userId);
        var now = DateTimeOffset.UtcNow;
        var ranked = _recommender.Recommend(state, _model, now.ToUnixTimeMilliseconds(), request.Count);
        var items = new Recommendation[ranked.Count];
        for (var i = 0; i < ranked.Count; i++) items[i] = _mapper.ToRecommendation(new ServedTrack(ranked[i], 1, false), i); // exploration off: the deterministic ranking
        return new RecommendationList(Guid.NewGuid().ToString("N"), now, items);
    }

    /// <summary>80% events, 20% recommendations over warm users: the operation mix of the cluster's mixed scenario.</summary>
    public LoadRunner.Operation Mixed(string runId, string prefix, int users, int catalogTracks) =>
        (caller, n) =>
        {
            var userId = LoadCatalog.UserId(prefix, GrainWorkloads.Pick(caller, n, users));
            if (n % 5 == 4) return RecommendAsync(userId, new RecommendRequest(10));
            var user = GrainWorkloads.Pick(caller, n, users);
            return RecordAsync(userId, LoadEvents.Complete($"{runId}-p{caller}-{n}", LoadEvents.NextTrack(user, n, catalogTracks), DateTimeOffset.UtcNow));
        };

    private async Task<ListenerState> LoadAsync(string userId)
    {
        var stored = await _redis.StringGetAsync(userId);
        return stored.IsNull ? new ListenerState(_options) : _codec.Restore(_serializer.Deserialize<UserSnapshot>((byte[])stored!)!, _options);
    }
}
