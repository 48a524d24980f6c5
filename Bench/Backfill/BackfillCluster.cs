using System.Globalization;
using Personalization.Bench.Perf;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Backfill;

/// <summary>
/// The silo processes the backfill benchmark measures, owned by <see cref="OwnedProcesses"/>: in memory mode the perf
/// harness's silo (<see cref="PerfCommand.StartSiloAsync"/>); in Azure mode Azurite and <see cref="AzureSilos"/> silos
/// with Azure Table clustering, snapshots, journal and model checkpoints (as README "Azure mode" runs them). Both
/// without the online re-ranker (<see cref="NoOnlineRanker"/>), as the perf harness's tracing scenario runs.
/// </summary>
public sealed record BackfillCluster(string Mode, string ClusterId, IReadOnlyList<int> GatewayPorts, IReadOnlyList<int> SiloPids, int? StoragePid)
{
    public const int AzureSilos = 3;

    /// <summary>
    /// The learned re-ranker trains online once the silo has collected enough examples, at a moment that falls into one
    /// measured step or another (measured: the same import cost 37 or 148 µs of silo CPU per event depending on it),
    /// so the silos run without it and every step pays the same per-event work.
    /// </summary>
    private static readonly KeyValuePair<string, string> NoOnlineRanker = new("Personalization__Ranker__Enabled", "false");

    public static async Task<BackfillCluster> StartMemoryAsync(OwnedProcesses owned, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var (silo, clusterId) = await PerfCommand.StartSiloAsync(owned, new Dictionary<string, string>([NoOnlineRanker]));
        log.WriteLine($"memory mode: silo pid {silo.Pid}, gateway 127.0.0.1:{silo.GatewayPort} (log {silo.LogPath})");
        return new BackfillCluster("memory", clusterId, [silo.GatewayPort], [silo.Pid], null);
    }

    public static async Task<BackfillCluster> StartAzureAsync(OwnedProcesses owned, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(log);
        var azurite = owned.Add(await AzuriteProcess.StartAsync());
        var id = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string>
        {
            ["Personalization__Silo__Clustering"] = "AzureTable",
            ["Personalization__Silo__Storage"] = "AzureTable",
            ["Personalization__Silo__AzureConnectionString"] = azurite.ConnectionString,
            ["Personalization__Silo__ClusterId"] = $"backfill{id}",
            ["Personalization__Diagnostics__AllowSeeding"] = "true",
            ["Personalization__Diagnostics__AllowForcedCollection"] = "true", // the perf scenarios settle the heap after seeding
            [NoOnlineRanker.Key] = NoOnlineRanker.Value,
            ["Personalization__Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), // unused HTTP API; Azure storage refuses the development key
        };

        // The first silo creates the membership table; the others join it.
        var silos = new List<SiloProcess> { owned.Add(SiloProcess.Start(settings, gracefulStop: true)) };
        await silos[0].WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        for (var i = 1; i < AzureSilos; i++) silos.Add(owned.Add(SiloProcess.Start(settings, gracefulStop: true)));
        foreach (var silo in silos.Skip(1)) await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"azure mode: Azurite pid {azurite.Pid}, {AzureSilos} silos (pids {string.Join(", ", silos.Select(s => s.Pid))}, gateways {string.Join(", ", silos.Select(s => s.GatewayPort))})"));
        return new BackfillCluster("azure", settings["Personalization__Silo__ClusterId"], [.. silos.Select(s => s.GatewayPort)], [.. silos.Select(s => s.Pid)], azurite.Pid);
    }
}
