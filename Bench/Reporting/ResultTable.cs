using System.Globalization;
using System.Text;

namespace Personalization.Bench.Reporting;

/// <summary>Renders the report as fixed-width text tables (all files, then each file).</summary>
public static class ResultTable
{
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Append(text, "All files", report.Models);
        foreach (var f in report.PerFile)
        {
            text.AppendLine();
            Append(text, $"{f.File} (events {f.Events}, warm-up {f.WarmupEvents}, duplicates dropped {f.DuplicatesDropped}, tracks {f.KnownTracks})", f.Models);
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Duplicates dropped: {report.DuplicatesDropped}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Rows skipped: {report.UnreadableRows} unreadable, {report.RefusedRows} refused by a model");
        foreach (var f in report.PerFile)
        {
            foreach (var problem in f.FirstRowProblems ?? []) text.AppendLine(CultureInfo.InvariantCulture, $"  {problem}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"Engine recommend latency: p50 {report.EngineLatencyMs.P50:F3} ms, p99 {report.EngineLatencyMs.P99:F3} ms");
        if (report.OffPolicy is { Count: > 0 } rows) AppendOffPolicy(text, rows);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string title, IReadOnlyList<ModelScore> rows)
    {
        text.AppendLine(title);
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"model",-22} | {"HR@10",7} | {"NDCG@10",7} | {"MRR@20",7} | {"Cov@10",7} | {"Nov@10",7} | {"New@10",7} | {"n",7} |");
        text.AppendLine($"|{new string('-', 24)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name,-22} | {r.Hr10,7:F4} | {r.Ndcg10,7:F4} | {r.Mrr20,7:F4} | {r.Cov10,7:F4} | {r.Novelty10,7:F3} | {r.Unplayed10,7:F4} | {r.N,7} |");
        }
    }

    private static void AppendOffPolicy(StringBuilder text, IReadOnlyList<OffPolicyRow> rows)
    {
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Counterfactual HR@1 from the {rows[0].Logger} log (first item, logged propensities)");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {"target",-22} | {"HR@1",7} | {"IPS",7} | {"SNIPS",7} | {"n",7} |");
        text.AppendLine($"|{new string('-', 24)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target,-22} | {r.MeasuredHr1,7:F4} | {r.Ips,7:F4} | {r.Snips,7:F4} | {r.N,7} |");
        }
    }
}
