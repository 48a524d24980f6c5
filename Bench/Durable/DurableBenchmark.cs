using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalization.Abstractions;
using Personalization.Grains.Hosting;
using Personalization.Grains.Journal;

namespace Personalization.Bench.Durable;

/// <summary>
/// Durable ingest against the raw rate of the same Azurite, measured in one run: (1) one single-entity upsert per
/// event (what "one write per event" reaches), (2) listening events through real user grains in Azure mode (journal
/// with group commit, snapshots), acknowledged only after the commit. Reports events/s, the ratio and storage
/// transactions per acknowledged event.
/// </summary>
public static class DurableBenchmark
{
    public sealed record Result(double RawUpsertsPerSecond, double DurableEventsPerSecond, double TransactionsPerEvent, long Events, long Transactions);

    /// <summary>Concurrent writers of the raw upsert baseline (as in the measurement the durability issue quotes).</summary>
    public const int RawConcurrency = 64;

    public static async Task<Result> RunAsync(
        string connectionString, TimeSpan duration, int users, int concurrency, IReadOnlyDictionary<string, string?> overrides, TextWriter log)
    {
        var raw = await RawUpsertsAsync(connectionString, duration, RawConcurrency);
        log.WriteLine($"raw single-entity upserts: {raw:F0}/s ({RawConcurrency} concurrent)");
        var (events, transactions, seconds) = await DurableIngestAsync(connectionString, duration, users, concurrency, overrides);
        var durable = events / seconds;
        log.WriteLine($"durable events through grains: {durable:F0}/s ({concurrency} concurrent callers, {users} users), {transactions} journal transactions for {events} events");
        return new Result(raw, durable, events == 0 ? 0 : (double)transactions / events, events, transactions);
    }

    private static ListenEvent Event(int user, long sequence) =>
        new($"u{user}-e{sequence}", $"track-{(user * 31 + sequence) % 5000:D5}", $"artist-{user % 300:D4}", EventKind.Complete,
            DateTimeOffset.UtcNow.AddMinutes(-30), 180_000, 180_000, new ListenContext("radio", "bench"));

    private static async Task<double> RawUpsertsAsync(string connectionString, TimeSpan duration, int concurrency)
    {
        var table = new TableServiceClient(connectionString).GetTableClient($"RawUpserts{Guid.NewGuid():N}"[..24]);
        await table.CreateIfNotExistsAsync();
        var payload = JournalEventCodec.Encode(Event(1, 1)); // the same row content a journaled event has
        long written = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                await table.UpsertEntityAsync(new TableEntity($"p{worker % 16:D3}", $"w{worker}-{i:D9}") { ["Event"] = payload });
                Interlocked.Increment(ref written);
            }
        }));
        var rate = written / clock.Elapsed.TotalSeconds;
        await table.DeleteAsync();
        return rate;
    }

    private static async Task<(long Events, long Transactions, double Seconds)> DurableIngestAsync(
        string connectionString, TimeSpan duration, int users, int concurrency, IReadOnlyDictionary<string, string?> overrides)
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

        var next = new long[users];
        long acknowledged = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var round = 0; clock.Elapsed < duration; round++)
            {
                for (var u = worker; u < users && clock.Elapsed < duration; u += concurrency)
                {
                    await grains.GetGrain<IUserGrain>($"bench-{u:D6}").RecordAsync(Event(u, next[u]++));
                    Interlocked.Increment(ref acknowledged);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var transactions = counters.Transactions;
        await host.StopAsync();
        return (acknowledged, transactions, seconds);
    }

}
