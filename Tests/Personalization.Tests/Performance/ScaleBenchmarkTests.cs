using Personalization.Bench.Scale;

namespace Personalization.Tests.Performance;

/// <summary>
/// Smoke test of <c>Bench -- scale --quick</c> with a head of 1,000 tracks: three silo processes and then one, a Zipf
/// catalogue taught to the shards, head- and tail-anchored recommendations. Asserts that the shards were spread over the
/// three silos, that no silo replicated more than the head, that tail anchors were read on demand and then served from
/// the cache, and that both kinds of listeners got lists — never how fast (the machine is shared).
/// </summary>
[Trait("Category", "Performance")]
[Trait("Requires", "Processes")]
[Collection(PerformanceCollection.Name)]
public sealed class ScaleBenchmarkTests
{
    private const int Head = 1_000;

    [Fact]
    public async Task The_scale_benchmark_spreads_the_shards_replicates_the_head_and_reads_the_tail_on_demand()
    {
        var run = new ScaleRun(ScaleSizes.Quick, Head, Callers: 8, new Dictionary<string, string?>(), Quick: true);
        var log = new StringWriter();

        var result = await ScaleBenchmark.RunAsync(run, log);

        var partitioned = result.Partitioned;
        Assert.Equal(ScaleRun.Silos, partitioned.Silos.Count);
        Assert.All(partitioned.Silos, s => Assert.InRange(s.ShardsHosted, 1, (run.Shards + ScaleRun.Silos - 1) / ScaleRun.Silos));
        Assert.All(partitioned.Silos, s => Assert.InRange(s.Metrics.SourceTracks ?? -1, 1, Head));
        Assert.True(result.SourceTracks > Head, log.ToString());
        Assert.True(partitioned.TailMisses > 0 && partitioned.TailHits > 0, log.ToString());
        Assert.Equal(0, partitioned.Latency.Failed);
        Assert.True(partitioned.Latency.Head.Calls > 0 && partitioned.Latency.Tail.Calls > 0, log.ToString());
        Assert.True(partitioned.Latency.Tail.ItemsPerList > 0 && partitioned.Latency.Head.ItemsPerList > 0, log.ToString());
        Assert.True((result.Replica.Silos[0].Metrics.SourceTracks ?? 0) >= result.SourceTracks * 0.9, log.ToString()); // the replica holds every list
    }
}
