using System.Diagnostics;
using Personalization.Abstractions.Diagnostics;

namespace Personalization.Bench.Perf;

/// <summary>
/// The scenarios that run against the silo process: ping, ingest, recommend, mixed (closed loops through the Orleans
/// client), catalog (recommend latency as the model grows) and memory (heap per activated user). Seeding goes through
/// <see cref="IDiagnosticsGrain"/>, several calls at a time. With the silo's process id, every sweep point also reads
/// the silo's CPU time per operation (warm-up included on both sides): unlike throughput, it hardly depends on what else
/// the shared machine runs, so it is what an A/B of two builds compares.
/// </summary>
public sealed class ClusterScenarios(IClusterClient client, PerfSizes sizes, TextWriter log, int? siloPid = null)
{
    private const int SeedCallUsers = 100;
    private const int SeedCallsInFlight = 4;
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly GrainWorkloads _workloads = new(client, Guid.NewGuid().ToString("N")[..8]);
    private int _catalogTracks;
    private int _catalogUsersTracks;

    public int CatalogTracks => _catalogTracks;

    public IEnumerable<int> Concurrencies => new[] { sizes.Concurrency }.Concat(sizes.Sweep).Distinct().Order();

    public async Task<IReadOnlyList<LoadResult>> PingAsync() => await SweepAsync("ping", _ => _workloads.Ping());

    /// <summary>
    /// Ingest over <see cref="PerfSizes.IngestUsers"/> distinct users: first one pass that sends each (cold) user its first
    /// event — what activating a user costs, reported as <c>ingest-first-event</c> — then the sweep over the same, now
    /// active, users.
    /// </summary>
    public async Task<IReadOnlyList<LoadResult>> IngestAsync()
    {
        var prefix = $"i{_runId}-";
        var catalog = LoadTracks;
        using var done = new CancellationTokenSource();
        var next = -1L;
        var firstEvents = _workloads.FirstEvents(prefix, sizes.IngestUsers, catalog, () => Interlocked.Increment(ref next), done);
        var cold = await LoadRunner.RunAsync("ingest-first-event", sizes.Concurrency, TimeSpan.Zero, TimeSpan.FromMinutes(30), firstEvents, done.Token);
        log.WriteLine($"  ingest first event of {sizes.IngestUsers:N0} users (activations) x{cold.Concurrency}: {cold.Throughput:N0}/s, p50 {cold.P50Ms:F3} ms, p99 {cold.P99Ms:F3} ms");
        return [cold, .. await SweepAsync("ingest", c => _workloads.Ingest(prefix, sizes.IngestUsers, catalog, c))];
    }

    /// <summary>Warm users for recommend and mixed: seeded once, over the current catalog.</summary>
    public async Task SeedWarmUsersAsync() => await SeedUsersAsync(WarmPrefix, sizes.WarmUsers, _catalogTracks, keepStored: true);

    public async Task<IReadOnlyList<LoadResult>> RecommendAsync() => await SweepAsync("recommend", _ => _workloads.Recommend(WarmPrefix, sizes.WarmUsers));

    /// <summary>
    /// The operation of one run over the warm users: listening events (new event ids every call of this method, so none
    /// is a duplicate) or recommendations. The unit of the tracing comparison.
    /// </summary>
    public LoadRunner.Operation WarmOperation(bool ingest) => ingest
        ? new GrainWorkloads(client, Guid.NewGuid().ToString("N")[..8]).Ingest(WarmPrefix, sizes.WarmUsers, LoadTracks, sizes.Concurrency)
        : _workloads.Recommend(WarmPrefix, sizes.WarmUsers);

    public async Task<IReadOnlyList<LoadResult>> MixedAsync() =>
        await SweepAsync("mixed", _ => _workloads.Mixed(WarmPrefix, sizes.WarmUsers, LoadTracks));

    /// <summary>Tracks the ingest and mixed events play: the model's, minus those of the catalog scenario's listeners.</summary>
    private TrackRange LoadTracks => new(_catalogUsersTracks < _catalogTracks ? _catalogUsersTracks : 0, Math.Max(1, _catalogTracks));

    /// <summary>Teaches the model tracks up to <paramref name="tracks"/> (no-op when it already has them); returns the seconds it took.</summary>
    public async Task<double> GrowCatalogAsync(int tracks)
    {
        if (tracks <= _catalogTracks) return 0;
        var clock = Stopwatch.StartNew();
        const int PerCall = 25_000;
        for (var first = _catalogTracks; first < tracks; first += PerCall)
        {
            await client.GetGrain<IDiagnosticsGrain>(0).SeedCatalogAsync(new CatalogSeedRequest(first, Math.Min(PerCall, tracks - first), DateTimeOffset.UtcNow));
        }

        _catalogTracks = tracks;
        log.WriteLine($"  model: {tracks:N0} tracks ({clock.Elapsed.TotalSeconds:F1} s to learn and refresh)");
        await SettleAsync();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Recommend latency with the model grown to <paramref name="tracks"/> tracks, for users whose histories use the
    /// first measured size's tracks (seeded at the first call), at a low concurrency (latency, not queueing).
    /// </summary>
    public async Task<CatalogReading> CatalogAsync(int tracks)
    {
        var seconds = await GrowCatalogAsync(tracks);
        if (_catalogUsersTracks == 0)
        {
            _catalogUsersTracks = tracks;
            await SeedUsersAsync(CatalogPrefix, sizes.CatalogUsers, tracks, keepStored: true);
        }

        var result = await LoadRunner.RunAsync($"catalog-{tracks}", sizes.CatalogConcurrency, sizes.Warmup, sizes.Duration, _workloads.Recommend(CatalogPrefix, sizes.CatalogUsers));
        var heap = await client.GetGrain<IDiagnosticsGrain>(0).GetHeapAsync(collect: false);
        log.WriteLine($"  catalog {tracks,9:N0} tracks: p50 {result.P50Ms:F3} ms, p99 {result.P99Ms:F3} ms, {result.Throughput:N0}/s");
        return new CatalogReading(tracks, result, seconds, heap.HeapBytes);
    }

    /// <summary>Heap per active user: full GC, activate N users with a realistic 200-event state (stored copy dropped), full GC.</summary>
    public async Task<IReadOnlyList<MemoryReading>> MemoryAsync()
    {
        var readings = new List<MemoryReading>();
        foreach (var users in sizes.MemoryUsers)
        {
            var diagnostics = client.GetGrain<IDiagnosticsGrain>(0);
            var before = await diagnostics.GetHeapAsync(collect: true);
            var clock = Stopwatch.StartNew();
            await SeedUsersAsync($"m{_runId}n{users}-", users, Math.Max(1, _catalogTracks), keepStored: false);
            var seconds = clock.Elapsed.TotalSeconds;
            var after = await diagnostics.GetHeapAsync(collect: true);
            var active = await ActiveUsersAsync();
            var settling = Stopwatch.StartNew();
            var settled = await SettledHeapAsync(diagnostics, users, sizes.MemorySettleTimeout);
            var reading = new MemoryReading(
                users, before.HeapBytes, after.HeapBytes, active, after.WorkingSetBytes, seconds, after.RecentlyActiveActivations, settled.HeapBytes,
                settled.RecentlyActiveActivations, settling.Elapsed.TotalSeconds);
            readings.Add(reading);
            log.WriteLine(
                $"  memory {users:N0} users: {reading.BytesPerUser:N0} heap bytes per user once settled ({settled.RecentlyActiveActivations:N0} recently active, after " +
                $"{reading.SettleSeconds:F0} s); {reading.BytesPerUserAfter:N0} right after ({after.RecentlyActiveActivations:N0} recently active); " +
                $"{active:N0} user grains active, seeded in {seconds:F1} s");
        }

        return readings;
    }

    /// <summary>
    /// The heap once Orleans' working set holds at most 1 % of <paramref name="users"/> (activations leave it 10–15 s after
    /// their last call), polled once a second for up to <paramref name="timeout"/>; after it, the reading as it is then.
    /// </summary>
    private static async Task<SiloHeap> SettledHeapAsync(IDiagnosticsGrain diagnostics, int users, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var probe = await diagnostics.GetHeapAsync(collect: false);
            if (probe.RecentlyActiveActivations >= 0 && probe.RecentlyActiveActivations <= users / 100) break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return await diagnostics.GetHeapAsync(collect: true);
    }

    private string WarmPrefix => $"w{_runId}-";

    private string CatalogPrefix => $"c{_runId}-";

    private async Task<long> ActiveUsersAsync()
    {
        var stats = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return stats.Where(s => s.GrainType.Contains("UserGrain", StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
    }

    private async Task SeedUsersAsync(string prefix, int users, int catalogTracks, bool keepStored)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var gate = new SemaphoreSlim(SeedCallsInFlight);
        var calls = Enumerable.Range(0, (users + SeedCallUsers - 1) / SeedCallUsers).Select(async call =>
        {
            await gate.WaitAsync();
            try
            {
                var first = call * SeedCallUsers;
                var request = new UserSeedRequest(prefix, first, Math.Min(SeedCallUsers, users - first), sizes.HistoryEvents, catalogTracks, at, keepStored);
                await client.GetGrain<IDiagnosticsGrain>(1 + call % SeedCallsInFlight).SeedUsersAsync(request);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(calls);
        if (keepStored) await SettleAsync();
    }

    /// <summary>A full collection on the silo after bulk seeding, so that a measurement does not pay for the seeding's garbage.</summary>
    private async Task SettleAsync() => await client.GetGrain<IDiagnosticsGrain>(0).GetHeapAsync(collect: true);

    private async Task<IReadOnlyList<LoadResult>> SweepAsync(string scenario, Func<int, LoadRunner.Operation> operation)
    {
        var results = new List<LoadResult>();
        foreach (var concurrency in Concurrencies)
        {
            long calls = 0;
            var perCall = operation(concurrency);
            var diagnostics = client.GetGrain<IDiagnosticsGrain>(0);
            var gcBefore = await diagnostics.GetHeapAsync(collect: false);
            var window = Stopwatch.StartNew();
            var cpuBefore = siloPid is { } pid ? ProcessCpu.Seconds(pid) : null;
            var result = await LoadRunner.RunAsync(scenario, concurrency, sizes.Warmup, sizes.Duration, (caller, n) =>
            {
                Interlocked.Increment(ref calls);
                return perCall(caller, n);
            });
            var cpuAfter = siloPid is { } same ? ProcessCpu.Seconds(same) : null;
            var gc = SiloGc.Between(gcBefore, await diagnostics.GetHeapAsync(collect: false), calls, window.Elapsed.TotalSeconds);
            result = result with { SiloGc = gc };
            if (cpuBefore is { } before && cpuAfter is { } after && calls > 0) result = result with { SiloCpuMicroseconds = (after - before) * 1e6 / calls };
            results.Add(result);
            var cpu = result.SiloCpuMicroseconds is { } us ? $", silo CPU {us:F1} µs/op" : "";
            log.WriteLine($"  {scenario} x{concurrency}: {result.Throughput:N0}/s, p50 {result.P50Ms:F3} ms, p99 {result.P99Ms:F3} ms, p99.9 {result.P999Ms:F3} ms{cpu}");
            log.WriteLine(
                $"    silo GC: {gc.Gen0}/{gc.Gen1}/{gc.Gen2} collections (gen 0/1/2), paused {gc.PauseMs:F0} ms ({gc.PauseShare:P1} of the run, " +
                $"{gc.PauseMicrosecondsPerOperation:F1} µs/op), {gc.AllocatedBytesPerOperation / 1024:F1} KB allocated per op");
            if (result.FirstError is { } error) log.WriteLine($"    {result.Errors} failed, first: {error}");
        }

        return results;
    }
}
