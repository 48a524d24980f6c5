using Personalization.Bench.Perf;

namespace Personalization.Tests.Performance;

/// <summary>How the tracing scenario's ratios are formed: rounds paired, the median taken (no silo process needed).</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class TracingRatioTests
{
    [Fact]
    public void The_ratio_is_the_median_of_the_rounds_paired_ratios_so_one_disturbed_round_does_not_decide_it()
    {
        var results = new PerfResults(PerfSizes.Quick, quick: true);
        // Round throughputs (off, on): the untraced silo had one slow round, which a ratio of sums would take as tracing being free.
        foreach (var (off, on) in new[] { (1_000, 960), (200, 190), (1_100, 1_045), (900, 864), (1_000, 950) })
        {
            results.Runs.Add(Run("tracing-ingest-off", off, cpu: 100));
            results.Runs.Add(Run("tracing-ingest-on", on, cpu: 100.0 * off / on));
        }

        Assert.Equal(0.95, results.TracedVsUntracedIngest!.Value, 3);
        Assert.Equal(1.0 / 0.95, results.TracedVsUntracedIngestCpu!.Value, 3);
        Assert.Null(results.TracedVsUntracedRecommend); // not run: no figure, rather than a made-up one
    }

    private static LoadResult Run(string scenario, double throughput, double cpu) =>
        new(scenario, 64, (long)throughput * 8, 0, 8, 1, 2, 3, 4) { SiloCpuMicroseconds = cpu };
}
