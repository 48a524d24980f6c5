using System.Text.Json;
using System.Text.Json.Serialization;
using Personalization.Bench.Evaluation;

namespace Personalization.Bench.Reporting;

/// <summary>The whole run: metrics over all scored events of all files, per file, duplicates, engine latency.</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("models")] IReadOnlyList<ModelScore> Models,
    [property: JsonPropertyName("perFile")] IReadOnlyList<FileReport> PerFile,
    [property: JsonPropertyName("duplicatesDropped")] int DuplicatesDropped,
    [property: JsonPropertyName("engineLatencyMs")] LatencySummary EngineLatencyMs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static EvaluationReport From(IReadOnlyList<SliceResult> slices, string engineName)
    {
        ArgumentNullException.ThrowIfNull(slices);
        var names = slices.SelectMany(s => s.Metrics.Keys).Distinct().ToList();
        var totals = names.ToDictionary(n => n, _ => new RankMetrics());
        var latency = new LatencyRecorder();
        var perFile = new List<FileReport>();
        foreach (var s in slices)
        {
            foreach (var (name, m) in s.Metrics) totals[name].MergeFrom(m);
            if (s.Latency.TryGetValue(engineName, out var l)) latency.MergeFrom(l);
            perFile.Add(new FileReport(
                s.Name, s.Events, s.WarmupEvents, s.DuplicatesDropped, s.KnownTracks,
                [.. names.Where(s.Metrics.ContainsKey).Select(n => Score(n, s.Metrics[n], s.KnownTracks))],
                Summary(s.Latency.GetValueOrDefault(engineName))));
        }

        // Over all files: distinct tracks in any top-10 of any slice ÷ distinct tracks known at the end of any slice.
        var known = slices.SelectMany(s => s.KnownTrackIds).Distinct(StringComparer.Ordinal).Count();
        return new EvaluationReport(
            [.. names.Select(n => Score(n, totals[n], known))],
            perFile,
            slices.Sum(s => s.DuplicatesDropped),
            Summary(latency));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static ModelScore Score(string name, RankMetrics m, int knownTracks) =>
        new(name, Math.Round(m.HitRate, 4), Math.Round(m.Ndcg, 4), Math.Round(m.Mrr, 4), Math.Round(m.Coverage(knownTracks), 4), m.N);

    private static LatencySummary Summary(LatencyRecorder? l) =>
        l is null ? new LatencySummary(0, 0) : new LatencySummary(Math.Round(l.Percentile(50), 3), Math.Round(l.Percentile(99), 3));
}
