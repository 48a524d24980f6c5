using System.Globalization;
using System.Text;

namespace Personalization.Bench.Perf;

/// <summary>The markdown report of a run (command, machine, date, tables, goals) and its latency-vs-throughput plot (SVG beside it).</summary>
public static class PerfMarkdown
{
    public static async Task WriteAsync(PerfArguments options, PerfResults r)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        var report = Path.GetFullPath(options.ReportPath);
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        var plot = Path.ChangeExtension(report, ".svg");
        await File.WriteAllTextAsync(plot, LatencyPlot.Render(r.Runs));

        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"# Performance run ({(r.Quick ? "quick" : "full")})").AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"- command: `dotnet run -c Release --project Bench -- perf{(r.Quick ? " --quick" : "")}`");
        b.AppendLine(CultureInfo.InvariantCulture, $"- date: {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.TotalSeconds:F0} s in all");
        b.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        b.AppendLine(CultureInfo.InvariantCulture, $"- headline concurrency {r.Sizes.Concurrency} closed-loop callers; warm-up {r.Sizes.Warmup.TotalSeconds:0.#} s, measured {r.Sizes.Duration.TotalSeconds:0.#} s per run");
        b.AppendLine();
        b.AppendLine(PerfTable.Render(r));
        b.AppendLine(CultureInfo.InvariantCulture, $"![p99 latency vs throughput]({Path.GetFileName(plot)})");
        await File.WriteAllTextAsync(report, b.ToString());
    }
}
