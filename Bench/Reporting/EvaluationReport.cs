using System.Text.Json;
using System.Text.Json.Serialization;
using Personalization.Bench.Evaluation;
using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Reporting;

/// <summary>The whole run: metrics over all scored events of all files, per file, duplicates, unreadable and refused rows, engine latency.</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("models")] IReadOnlyList<ModelScore> Models,
    [property: JsonPropertyName("perFile")] IReadOnlyList<FileReport> PerFile,
    [property: JsonPropertyName("duplicatesDropped")] int DuplicatesDropped,
    [property: JsonPropertyName("engineLatencyMs")] LatencySummary EngineLatencyMs,
    [property: JsonPropertyName("offPolicy")] IReadOnlyList<OffPolicyRow>? OffPolicy = null,
    [property: JsonPropertyName("unreadableRows")] long UnreadableRows = 0,
    [property: JsonPropertyName("refusedRows")] long RefusedRows = 0)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static EvaluationReport From(IReadOnlyList<SliceResult> slices, string engineName)
    {
        ArgumentNullException.ThrowIfNull(slices);
        var names = slices.SelectMany(s => s.Metrics.Keys).Distinct().ToList();
        var totals = names.ToDictionary(n => n, _ => new RankMetrics());
        var novelty = names.ToDictionary(n => n, _ => new NoveltyMetrics());
        var offPolicy = new Dictionary<(string Logger, string Target), OffPolicyEstimator>();
        var latency = new LatencyRecorder();
        var perFile = new List<FileReport>();
        foreach (var s in slices)
        {
            foreach (var (name, m) in s.Metrics) totals[name].MergeFrom(m);
            foreach (var (name, m) in s.Novelty ?? new Dictionary<string, NoveltyMetrics>()) novelty[name].MergeFrom(m);
            foreach (var (target, e) in s.OffPolicy ?? new Dictionary<string, OffPolicyEstimator>())
            {
                var key = (s.OffPolicyLogger!, target);
                if (!offPolicy.TryGetValue(key, out var total)) offPolicy[key] = total = new OffPolicyEstimator();
                total.MergeFrom(e);
            }

            if (s.Latency.TryGetValue(engineName, out var l)) latency.MergeFrom(l);
            perFile.Add(new FileReport(
                s.Name, s.Events, s.WarmupEvents, s.DuplicatesDropped, s.KnownTracks,
                [.. names.Where(s.Metrics.ContainsKey).Select(n => Score(n, s.Metrics[n], s.KnownTracks, s.Novelty?.GetValueOrDefault(n)))],
                Summary(s.Latency.GetValueOrDefault(engineName)),
                s.Unreadable.Count,
                s.Refused.Count,
                [.. s.Unreadable.First.Concat(s.Refused.First).Take(RowProblems.Kept).Select(p => p.ToString())]));
        }

        // Over all files: distinct tracks in any top-10 of any slice ÷ distinct tracks known at the end of any slice.
        var known = slices.SelectMany(s => s.KnownTrackIds).Distinct(StringComparer.Ordinal).Count();
        return new EvaluationReport(
            [.. names.Select(n => Score(n, totals[n], known, novelty[n]))],
            perFile,
            slices.Sum(s => s.DuplicatesDropped),
            Summary(latency),
            offPolicy.Count == 0 ? null : [.. offPolicy.Select(p => new OffPolicyRow(p.Key.Logger, p.Key.Target,
                Math.Round(p.Value.MeasuredHitRate, 4), Math.Round(p.Value.Ips, 4), Math.Round(p.Value.Snips, 4), p.Value.N))],
            slices.Sum(s => s.Unreadable.Count),
            slices.Sum(s => s.Refused.Count));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static ModelScore Score(string name, RankMetrics m, int knownTracks, NoveltyMetrics? novelty) =>
        new(name, Math.Round(m.HitRate, 4), Math.Round(m.Ndcg, 4), Math.Round(m.Mrr, 4), Math.Round(m.Coverage(knownTracks), 4), m.N,
            Math.Round(novelty?.SelfInformation ?? 0, 3), Math.Round(novelty?.Unplayed ?? 0, 4));

    private static LatencySummary Summary(LatencyRecorder? l) =>
        l is null ? new LatencySummary(0, 0) : new LatencySummary(Math.Round(l.Percentile(50), 3), Math.Round(l.Percentile(99), 3));
}
