using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Personalization.Grains.State;
using StackExchange.Redis;

namespace Personalization.Bench.Perf;

/// <summary>The Redis peer's mixed workload (<see cref="RedisPeer"/>) against a redis-server this command starts.</summary>
public static class PeerScenario
{
    public static async Task<IReadOnlyList<LoadResult>?> RunAsync(PerfSizes sizes, IEnumerable<int> concurrencies, OwnedProcesses owned, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(owned);
        var redis = await RedisServerProcess.TryStartAsync();
        if (redis is null) return null;
        owned.Add(redis);
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
            await using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(UserSnapshot).Assembly)).BuildServiceProvider();
            var peer = new RedisPeer(connection.GetDatabase(), services.GetRequiredService<Serializer>());
            var now = DateTimeOffset.UtcNow;
            peer.LearnCatalog(sizes.RecommendCatalog, now);
            const string Prefix = "peer-";
            await peer.SeedUsersAsync(Prefix, sizes.WarmUsers, sizes.HistoryEvents, sizes.RecommendCatalog, now.AddMinutes(-1));
            log.WriteLine($"  peer: redis-server pid {redis.Pid} on {redis.Endpoint}, {sizes.WarmUsers:N0} users stored");
            var runId = Guid.NewGuid().ToString("N")[..8];
            var results = new List<LoadResult>();
            foreach (var concurrency in concurrencies)
            {
                var result = await LoadRunner.RunAsync("peer", concurrency, sizes.Warmup, sizes.Duration, peer.Mixed(runId, Prefix, sizes.WarmUsers, sizes.RecommendCatalog));
                results.Add(result);
                log.WriteLine($"  peer x{concurrency}: {result.Throughput:N0}/s, p50 {result.P50Ms:F3} ms, p99 {result.P99Ms:F3} ms");
            }

            return results;
        }
        finally
        {
            owned.Stop(redis);
        }
    }
}
