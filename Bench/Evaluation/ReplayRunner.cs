using System.Diagnostics;
using Personalization.Abstractions;
using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Evaluation;

/// <summary>
/// Prequential replay with full ranking. The first <c>warmup</c> share of a slice's events (in replay order) is only
/// recorded. Every later event whose session already has an earlier event is first predicted by every model (top
/// <see cref="RankMetrics.ListLength"/>, the model synced but not told the event), scored against the played track,
/// and only then recorded. Candidates are whatever each model knows: no sampled negatives. When a model logs
/// propensities (<see cref="IPropensityLogger"/>), every model's HR@1 is also estimated counterfactually from that log.
/// A row a model refuses (<see cref="InvalidEventException"/>: e.g. a time before 1970) is counted in
/// <see cref="SliceResult.Refused"/> with its line and reason, and the replay goes on: any log that parses replays to the end.
/// </summary>
public sealed class ReplayRunner
{
    private readonly double _warmup;
    private readonly double? _restartAt;

    /// <param name="restartAt">
    /// Share of the scored part (after the warm-up) at which every <see cref="IRestartable"/> model is restarted from
    /// storage (null: never).
    /// </param>
    public ReplayRunner(double warmup, double? restartAt = null)
    {
        if (!(warmup >= 0 && warmup < 1)) throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "Warm-up must be in [0, 1).");
        if (restartAt is { } r && !(r >= 0 && r <= 1)) throw new ArgumentOutOfRangeException(nameof(restartAt), restartAt, "The restart point must be in [0, 1].");
        _warmup = warmup;
        _restartAt = restartAt;
    }

    /// <summary>The event index before which restartable models are restarted (-1: never).</summary>
    public int RestartIndex(int events)
    {
        if (_restartAt is not { } at) return -1;
        var warmup = WarmupCount(events);
        return warmup + (int)Math.Round((events - warmup) * at, MidpointRounding.AwayFromZero);
    }

    /// <summary>How many events the warm-up holds: the warm-up share rounded to the nearest event (so binary rounding
    /// cannot make 0.7 × 21870 into 15308).</summary>
    public int WarmupCount(int events) => (int)Math.Round(events * _warmup, MidpointRounding.AwayFromZero);

    public async Task<SliceResult> RunAsync(
        Slice slice, TrackCatalog catalog, IReadOnlyList<ISequenceModel> models, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(models);
        var metrics = models.ToDictionary(m => m.Name, _ => new RankMetrics());
        var novelty = models.ToDictionary(m => m.Name, _ => new NoveltyMetrics());
        var logger = models.FirstOrDefault(m => m is IPropensityLogger { IsStochastic: true });
        var offPolicy = models.ToDictionary(m => m.Name, _ => new OffPolicyEstimator());
        var played = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var firsts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var latency = models.ToDictionary(m => m.Name, _ => new LatencyRecorder());
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        var events = slice.Events;
        var warmupCount = WarmupCount(events.Count);
        var step = Math.Max(1, events.Count / 200);
        var restartIndex = RestartIndex(events.Count);
        var refused = new RowProblems();

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (i == restartIndex)
            {
                foreach (var model in models.OfType<IRestartable>()) await model.RestartAsync();
            }

            var continuesSession = !sessions.Add(e.SessionId);
            if (continuesSession)
            {
                // As in real time, a session's next play finds a model that has learned every earlier event, in the
                // warm-up too (what the engine learns from a play depends on the model of that moment).
                foreach (var model in models) await model.SyncAsync();
            }

            if (i >= warmupCount && continuesSession)
            {
                var query = QueryContext.Of(e);
                foreach (var model in models)
                {
                    var start = Stopwatch.GetTimestamp();
                    var ranked = await model.RecommendAsync(query, RankMetrics.ListLength);
                    latency[model.Name].Add(start, Stopwatch.GetTimestamp());
                    metrics[model.Name].Add(ranked, e.ItemId);
                    novelty[model.Name].Add(ranked, catalog, played.GetValueOrDefault(e.UserId));
                    firsts[model.Name] = ranked.Count > 0 ? ranked[0] : null;
                }

                if (logger is IPropensityLogger log) AddOffPolicy(offPolicy, firsts, logger.Name, log.LastPropensities, e.ItemId);
            }

            string? refusal = null;
            foreach (var model in models)
            {
                try
                {
                    await model.RecordAsync(e);
                }
                catch (InvalidEventException invalid)
                {
                    refusal ??= $"refused by {model.Name}: {invalid.Message}";
                }
            }

            if (refusal is not null) refused.Add(new RowProblem(slice.Name, e.Line, refusal));
            catalog.Record(e);
            if (!played.TryGetValue(e.UserId, out var mine)) played[e.UserId] = mine = new HashSet<string>(StringComparer.Ordinal);
            mine.Add(e.ItemId);
            if (i % step == 0) progress?.Report((double)(i + 1) / events.Count);
        }

        progress?.Report(1);
        return new SliceResult(slice.Name, events.Count, warmupCount, slice.DuplicatesDropped, catalog.Tracks.ToHashSet(StringComparer.Ordinal), metrics, latency,
            novelty, logger?.Name, logger is null ? null : offPolicy) { Unreadable = slice.Rejected, Refused = refused };
    }

    /// <summary>
    /// Every deterministic model's first item is scored against the logging model's first item and its propensity; the
    /// logging policy itself is on-policy (weight 1), so its row must reproduce its measured HR@1.
    /// </summary>
    private static void AddOffPolicy(
        Dictionary<string, OffPolicyEstimator> estimators, Dictionary<string, string?> firsts, string logger, IReadOnlyList<double> propensities, string actual)
    {
        var logged = firsts[logger];
        var propensity = propensities.Count > 0 ? propensities[0] : 1;
        foreach (var (name, first) in firsts)
        {
            if (name == logger) estimators[name].AddOnPolicy(logged, actual);
            else estimators[name].Add(logged, propensity, first, actual);
        }
    }
}
