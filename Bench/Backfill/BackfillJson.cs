using System.Text.Json;
using System.Text.Json.Nodes;

namespace Personalization.Bench.Backfill;

/// <summary>The run as JSON: <c>ratios.import_{N}_per_listener_vs_ingest</c> at the top, then every measurement.</summary>
public static class BackfillJson
{
    public static string Render(BackfillResult result, bool quick)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ratios = new JsonObject();
        var imports = new JsonArray();
        foreach (var run in result.Imports)
        {
            ratios[$"import_{run.Shape.RowsPerListener}_per_listener_vs_ingest"] = Math.Round(result.VsIngest(run), 3);
            imports.Add(new JsonObject
            {
                ["shape"] = run.Shape.Name,
                ["listeners"] = run.Listeners,
                ["rows_per_listener"] = run.Shape.RowsPerListener,
                ["rows"] = run.Rows,
                ["imported"] = run.Imported,
                ["skipped"] = run.Skipped,
                ["seconds"] = Math.Round(run.Seconds, 3),
                ["events_per_s"] = Math.Round(run.EventsPerSecond, 1),
                ["cpu_us_per_event"] = Cpu(run.Cpu),
            });
        }

        var root = new JsonObject
        {
            ["ratios"] = ratios,
            ["mode"] = result.Mode,
            ["silos"] = result.Silos,
            ["size"] = quick ? "quick" : "full",
            ["started_at"] = result.StartedAt.ToString("O"),
            ["total_seconds"] = Math.Round(result.TotalSeconds, 1),
            ["ingest"] = Load(result.Ingest),
            ["ingest_cpu_us_per_event"] = Cpu(result.IngestCpu),
            ["ingest_first_event"] = Load(result.FirstEvents),
            ["ingest_first_event_cpu_us_per_event"] = Cpu(result.FirstEventsCpu),
            ["imports"] = imports,
            ["machine"] = new JsonObject
            {
                ["processors"] = Environment.ProcessorCount,
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Cpu(CpuPerEvent c) => new()
    {
        ["silos"] = Math.Round(c.Silos, 1),
        ["client"] = Math.Round(c.Client, 1),
        ["storage"] = Math.Round(c.Storage, 1),
    };

    private static JsonObject Load(Perf.LoadResult r) => new()
    {
        ["concurrency"] = r.Concurrency,
        ["operations"] = r.Operations,
        ["errors"] = r.Errors,
        ["events_per_s"] = Math.Round(r.Throughput, 1),
        ["p50_ms"] = Math.Round(r.P50Ms, 3),
        ["p99_ms"] = Math.Round(r.P99Ms, 3),
    };
}
