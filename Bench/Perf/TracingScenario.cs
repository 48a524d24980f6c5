namespace Personalization.Bench.Perf;

/// <summary>
/// The cost of tracing at the default sampling (<c>Personalization:Tracing</c>, ratio 0.1): two silo processes, one
/// untraced and one exporting traces and logs over OTLP to <see cref="OtlpSink"/>, prepared alike (model, warm users),
/// then recommend and then ingest at the headline concurrency on each, alternating which goes first: per workload one
/// warm-up round that is not counted (the first runs of a fresh process pay for JIT tiering, which shows in its CPU time), then
/// <see cref="Rounds"/> rounds. The ratios are the median of the rounds' paired ratios (each round runs both silos back
/// to back), so one disturbed round does not decide them. The load generator's own client is untraced, so every trace starts at the silo (the
/// sampler decides there, as it would for an untraced gateway); the figures are the silo's: throughput, and the silo's
/// CPU time per operation (<see cref="ProcessCpu"/>), which a shared machine's load disturbs far less.
/// </summary>
public static class TracingScenario
{
    public const int Rounds = 6;

    /// <summary>
    /// The learned re-ranker trains online once it has enough examples, at a moment that differs between the two silos,
    /// and a silo with a trained model pays 2–4 × per recommendation (and its training's CPU falls into a measured
    /// round): both silos run without it, so the two differ by tracing only.
    /// </summary>
    private const string NoOnlineRanker = "Personalization__Ranker__Enabled";

    private const int WarmupRounds = 1;

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(PerfSizes sizes, OwnedProcesses owned, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(log);
        using var sink = OtlpSink.Start();
        var (offSilo, offCluster) = await PerfCommand.StartSiloAsync(owned, new Dictionary<string, string>
        {
            [NoOnlineRanker] = "false",
        });
        var (onSilo, onCluster) = await PerfCommand.StartSiloAsync(owned, new Dictionary<string, string>
        {
            [NoOnlineRanker] = "false",
            ["Personalization__Tracing__OtlpEndpoint"] = sink.Endpoint,
            ["Personalization__Tracing__OtlpProtocol"] = "HttpProtobuf",
            ["OTEL_SERVICE_NAME"] = "personalization-silo-perf",
        });
        log.WriteLine($"tracing: untraced silo pid {offSilo.Pid}, traced silo pid {onSilo.Pid} (OTLP to {sink.Endpoint})");
        var results = new List<LoadResult>();
        await using (var offClient = await PerfClient.ConnectAsync(offSilo.GatewayPort, offCluster))
        await using (var onClient = await PerfClient.ConnectAsync(onSilo.GatewayPort, onCluster))
        {
            var silos = new[] { ("off", offSilo.Pid, new ClusterScenarios(offClient.Grains, sizes, log)), ("on", onSilo.Pid, new ClusterScenarios(onClient.Grains, sizes, log)) };
            foreach (var (_, _, silo) in silos)
            {
                await silo.GrowCatalogAsync(sizes.RecommendCatalog);
                await silo.SeedWarmUsersAsync();
            }

            // Recommendations first, then events: events leave model learning behind them (shards, merges), whose CPU
            // would fall into a recommend run that followed, more on the silo that had taken more events.
            foreach (var ingest in new[] { false, true })
            {
                for (var round = -WarmupRounds; round < Rounds; round++)
                {
                    foreach (var (mode, pid, silo) in round % 2 == 0 ? silos : silos.Reverse())
                    {
                        var result = await RunMeasuredAsync($"tracing-{(ingest ? "ingest" : "recommend")}-{mode}", silo.WarmOperation(ingest), pid, sizes);
                        if (round >= 0) results.Add(result);
                        var label = round < 0 ? "warm-up round (not counted)" : $"round {round + 1}";
                        log.WriteLine($"  {result.Scenario} {label} x{result.Concurrency}: {result.Throughput:N0}/s, p50 {result.P50Ms:F3} ms, p99 {result.P99Ms:F3} ms, silo CPU {result.SiloCpuMicroseconds:F1} µs/op");
                    }
                }
            }
        }

        owned.Stop(offSilo);
        owned.Stop(onSilo);
        log.WriteLine($"  OTLP sink received {sink.Requests:N0} exports ({sink.TraceExports:N0} of traces), {sink.Bytes / 1024.0:N0} KiB");
        // The traced silo stopped gracefully, flushing its last batch: no trace export at all means tracing was not on.
        if (sink.TraceExports == 0) throw new InvalidOperationException("The traced silo exported no traces: tracing was not on.");
        return results;
    }

    /// <summary>A headline-concurrency run that also reads the silo's CPU time per operation (warm-up included on both sides).</summary>
    private static async Task<LoadResult> RunMeasuredAsync(string name, LoadRunner.Operation operation, int siloPid, PerfSizes sizes)
    {
        long calls = 0;
        var cpuBefore = ProcessCpu.Seconds(siloPid);
        var result = await LoadRunner.RunAsync(name, sizes.Concurrency, sizes.Warmup, sizes.Duration, (caller, n) =>
        {
            Interlocked.Increment(ref calls);
            return operation(caller, n);
        });
        var cpuAfter = ProcessCpu.Seconds(siloPid);
        return cpuBefore is { } before && cpuAfter is { } after && calls > 0
            ? result with { SiloCpuMicroseconds = (after - before) * 1e6 / calls }
            : result;
    }
}
