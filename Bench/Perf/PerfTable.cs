using System.Globalization;
using System.Text;

namespace Personalization.Bench.Perf;

/// <summary>The run as plain-text (and markdown) tables: every load run, then memory, catalog, durable and the goals.</summary>
public static class PerfTable
{
    public static string Render(PerfResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder();
        b.AppendLine("| scenario | callers | ops/s | p50 ms | p99 ms | p99.9 ms | errors | silo CPU µs/op |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in r.Runs.Concat(r.Catalog.Select(c => c.Result)))
        {
            b.AppendLine(Invariant($"| {x.Scenario} | {x.Concurrency} | {x.Throughput:N0} | {x.P50Ms:F3} | {x.P99Ms:F3} | {x.P999Ms:F3} | {x.Errors} | {(x.SiloCpuMicroseconds is { } cpu ? cpu.ToString("F1", CultureInfo.InvariantCulture) : "")} |"));
        }

        if (r.Durable is { } d)
        {
            b.AppendLine(Invariant($"| durable (raw single-entity upserts, {Durable.DurableBenchmark.RawConcurrency} writers) | {Durable.DurableBenchmark.RawConcurrency} | {d.RawUpsertsPerSecond:N0} | | | | | |"));
            b.AppendLine(Invariant($"| durable (events through grains, journal on Azurite) | {r.Sizes.DurableConcurrency} | {d.DurableEventsPerSecond:N0} | | | | | |"));
        }

        if (r.SiloRecommend is { } served)
        {
            b.AppendLine(Invariant($"| recommend, inside the silo (grain time, {served.Count:N0} calls) | | | mean {served.MeanMs:F3} | | | | |"));
        }

        foreach (var (scenario, reason) in r.Skipped) b.AppendLine($"| {scenario} | skipped: {reason} | | | | | | |");

        var withGc = r.Runs.Where(x => x.SiloGc is not null).ToList();
        if (withGc.Count > 0)
        {
            b.AppendLine().AppendLine("| scenario (silo GC, warm-up included) | callers | gen 0 / 1 / 2 collections | paused ms | share of the run | pause µs/op | KB allocated/op |");
            b.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var x in withGc)
            {
                var gc = x.SiloGc!;
                b.AppendLine(Invariant(
                    $"| {x.Scenario} | {x.Concurrency} | {gc.Gen0} / {gc.Gen1} / {gc.Gen2} | {gc.PauseMs:F0} | {gc.PauseShare:P1} | {gc.PauseMicrosecondsPerOperation:F1} | {gc.AllocatedBytesPerOperation / 1024:F1} |"));
            }
        }

        if (r.Memory.Count > 0)
        {
            b.AppendLine().AppendLine("| users activated | heap before | heap right after (recently active) | bytes per user right after | heap settled (recently active) | bytes per user settled | user grains active |");
            b.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in r.Memory)
            {
                b.AppendLine(Invariant(
                    $"| {m.Users:N0} | {Mb(m.HeapBeforeBytes)} | {Mb(m.HeapAfterBytes)} ({m.RecentlyActiveAfter:N0}) | {m.BytesPerUserAfter:N0} | {Mb(m.SettledHeapBytes)} ({m.RecentlyActiveSettled:N0}) | {m.BytesPerUser:N0} | {m.ActiveUserGrains:N0} |"));
            }
        }

        b.AppendLine().AppendLine("| goal | measured | met |").AppendLine("|---|---|---|");
        foreach (var (goal, measured, met) in PerfGoals.Evaluate(r))
        {
            b.AppendLine($"| {goal} | {measured} | {(met is null ? "not measured" : met.Value ? "yes" : "**no**")} |");
        }

        return b.ToString();
    }

    private static string Mb(long bytes) => Invariant($"{bytes / 1048576.0:N1} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
