using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;
using Personalization.Grains.Hosting;
using Personalization.Journal;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Durable;

/// <summary>
/// Durable ingest against the raw rate of the same Azurite, measured in one run: (1) one single-entity upsert per
/// event (what "one write per event" reaches), (2) listening events through real user grains in Azure mode (journal
/// with group commit, snapshots), acknowledged only after the commit. Reports events/s, the ratio and storage
/// transactions per acknowledged event.
/// </summary>
public static class DurableBenchmark
{
    public sealed record Result(
        double RawUpsertsPerSecond, double DurableEventsPerSecond, double TransactionsPerEvent, long Events, long Transactions,
        CpuShare RawCpu, CpuShare DurableCpu);

    /// <summary>Concurrent writers of the raw upsert baseline (as in the measurement the durability issue quotes).</summary>
    public const int RawConcurrency = 64;

    /// <summary>
    /// Size of one raw upsert: a listener's state written once per event, 4 KB as in the measurement the durability issue
    /// quotes (a snapshot with a full history is larger, so this favours the baseline).
    /// </summary>
    public const int RawEntityBytes = 4096;

    public static async Task<Result> RunAsync(
        string connectionString, int storagePid, TimeSpan duration, int users, int concurrency, IReadOnlyDictionary<string, string?> overrides, TextWriter log)
    {
        var meter = new CpuMeter(storagePid);
        var warmup = TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 2, 1, 5));
        var raw = await RawUpsertsAsync(connectionString, meter, warmup, duration, RawConcurrency);
        log.WriteLine($"raw single-entity upserts: {raw.PerSecond:F0}/s ({RawEntityBytes / 1024} KB, {RawConcurrency} concurrent); CPU per 1,000 writes: {raw.Cpu}");
        var (durable, transactions) = await DurableIngestAsync(connectionString, meter, warmup, duration, users, concurrency, overrides);
        log.WriteLine($"durable events through grains: {durable.PerSecond:F0}/s ({concurrency} concurrent callers, {users} users), {transactions} journal transactions for {durable.Operations} events; CPU per 1,000 events: {durable.Cpu}");
        return new Result(raw.PerSecond, durable.PerSecond, durable.Operations == 0 ? 0 : (double)transactions / durable.Operations,
            durable.Operations, transactions, raw.Cpu, durable.Cpu);
    }

    private static ListenEvent Event(int user, long sequence) =>
        new($"u{user}-e{sequence}", $"track-{(user * 31 + sequence) % 5000:D5}", $"artist-{user % 300:D4}", EventKind.Complete,
            DateTimeOffset.UtcNow.AddMinutes(-30), 180_000, 180_000, new ListenContext("radio", "bench"));

    private static async Task<ClosedLoop.Measurement> RawUpsertsAsync(
        string connectionString, CpuMeter meter, TimeSpan warmup, TimeSpan duration, int concurrency)
    {
        var table = new TableServiceClient(connectionString).GetTableClient($"RawUpserts{Guid.NewGuid():N}"[..24]);
        await table.CreateIfNotExistsAsync();
        var payload = Convert.ToBase64String(new Random(7).GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), RawEntityBytes * 3 / 4));
        var result = await ClosedLoop.RunAsync(concurrency, warmup, duration, meter, (worker, i) =>
            table.UpsertEntityAsync(new TableEntity($"p{worker % 16:D3}", $"w{worker}-{i:D9}") { ["Event"] = payload }));
        await table.DeleteAsync();
        return result;
    }

    private static async Task<(ClosedLoop.Measurement Events, long Transactions)> DurableIngestAsync(
        string connectionString, CpuMeter meter, TimeSpan warmup, TimeSpan duration, int users, int concurrency,
        IReadOnlyDictionary<string, string?> overrides)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Personalization:Silo:Storage"] = "AzureTable",
            ["Personalization:Silo:AzureConnectionString"] = connectionString,
            ["Personalization:Silo:SnapshotTable"] = $"BenchSnap{id}",
            ["Personalization:Journal:TableName"] = $"BenchJrnl{id}",
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free()).AddPersonalization(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var counters = host.Services.GetRequiredService<JournalCounters>();

        // Worker w serves users w, w + concurrency, ...: each user's events stay in order, one call at a time.
        var next = new long[users];
        var perWorker = (users + concurrency - 1) / concurrency;
        long before = 0, after = 0;
        var result = await ClosedLoop.RunAsync(Math.Min(concurrency, users), warmup, duration, meter, (worker, i) =>
            {
                var u = worker + (int)(i % perWorker) * concurrency;
                if (u >= users) u = worker;
                return grains.GetGrain<IUserGrain>($"bench-{u:D6}").RecordAsync(Event(u, next[u]++));
            },
            atWindowStart: () => before = counters.Transactions,
            atWindowEnd: () => after = counters.Transactions);
        var transactions = after - before;
        await host.StopAsync();
        return (result, transactions);
    }
}
