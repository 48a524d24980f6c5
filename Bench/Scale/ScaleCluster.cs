using System.Globalization;
using Personalization.Bench.Perf;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Scale;

/// <summary>
/// The silo processes of one phase of `Bench -- scale`, owned by <see cref="OwnedProcesses"/>: memory storage,
/// localhost clustering (the first silo is the primary the others join), diagnostics seeding and forced collections on
/// (heap readings), no model checkpoints (with memory storage they would keep a copy of the model in the same heap) and
/// no online re-ranker (its training would land in one measurement or another). <c>headTracks</c> sets
/// <c>Personalization:Model:HeadTracks</c>; the run's overrides are passed as environment variables.
/// </summary>
public sealed class ScaleCluster
{
    private ScaleCluster(string clusterId, IReadOnlyList<SiloProcess> silos)
    {
        ClusterId = clusterId;
        Silos = silos;
    }

    public string ClusterId { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public IReadOnlyList<int> GatewayPorts => [.. Silos.Select(s => s.GatewayPort)];

    public static Task<ScaleCluster> StartAsync(OwnedProcesses owned, ScaleRun run, int silos, int? headTracks, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(run);
        return StartAsync(owned, run.Sizes.Tracks, run.Settings, silos, headTracks, log);
    }

    /// <summary>The cluster of a run over <paramref name="tracks"/> catalogue tracks (the learners' caps keep every one) with the run's overrides.</summary>
    public static async Task<ScaleCluster> StartAsync(
        OwnedProcesses owned, int tracks, IReadOnlyDictionary<string, string?> overrides, int silos, int? headTracks, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(log);
        var primary = SiloPorts.Free();
        var clusterId = $"scale-{primary.Silo}";
        var settings = new Dictionary<string, string>
        {
            ["Personalization__Silo__ClusterId"] = clusterId,
            ["Personalization__Silo__PrimarySiloPort"] = primary.Silo.ToString(CultureInfo.InvariantCulture),
            ["Personalization__Silo__Storage"] = "Memory",
            ["Personalization__Diagnostics__AllowSeeding"] = "true",
            ["Personalization__Diagnostics__AllowForcedCollection"] = "true",
            ["Personalization__Auth__UseDevelopmentKey"] = "true", // the co-hosted HTTP API serves only /metrics and /health here
            ["Personalization__Model__Checkpoint__Enabled"] = "false",
            // Shards move home 3 s after the cluster settles (default 30 s), while still empty: before the seed.
            ["Personalization__Model__RebalanceDelay"] = "00:00:03",
            ["Personalization__Ranker__Enabled"] = "false",
            // Every key kept: the per-silo memory is the whole model's, not what the caps leave of it.
            ["Personalization__Engine__MaxLearnerTracks"] = Math.Max(400_000, tracks).ToString(CultureInfo.InvariantCulture),
            ["Personalization__Engine__MaxLearnerArtists"] = Math.Max(200_000, tracks / 5).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in overrides) settings[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        if (headTracks is { } head) settings["Personalization__Model__HeadTracks"] = head.ToString(CultureInfo.InvariantCulture);

        var started = new List<SiloProcess> { owned.Add(SiloProcess.Start(settings, primary, gracefulStop: false)) };
        await started[0].WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        for (var i = 1; i < silos; i++) started.Add(owned.Add(SiloProcess.Start(settings, gracefulStop: false)));
        foreach (var silo in started.Skip(1)) await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {silos} silo(s) ready: pids {string.Join(", ", started.Select(s => s.Pid))}; HeadTracks {(headTracks?.ToString("N0", CultureInfo.InvariantCulture) ?? "(silo default)")}; logs {string.Join(", ", started.Select(s => s.LogPath))}"));
        return new ScaleCluster(clusterId, started);
    }

    /// <summary>Stops every silo of the phase (by PID, at once: nothing of them is needed any more).</summary>
    public void Stop(OwnedProcesses owned)
    {
        ArgumentNullException.ThrowIfNull(owned);
        foreach (var silo in Silos) owned.Stop(silo);
    }
}
