using System.Diagnostics;
using Personalization.Abstractions.Diagnostics;
using Personalization.Abstractions.Model;

namespace Personalization.Bench.Scale;

/// <summary>
/// Reaches each silo of a cluster through grains: one <see cref="IDiagnosticsGrain"/> activation per silo (found by
/// activating keys until every silo hosts one, asking <see cref="IManagementGrain.GetActivationAddress"/> where each
/// went), so a heap reading with a forced full collection can be taken in every silo process; and where the model
/// shards run. Silos are told apart by their silo port.
/// </summary>
public sealed class SiloProbes
{
    private const long FirstKey = 19_000_000;
    private const int MaxKeys = 300;
    private readonly IClusterClient _client;
    private readonly Dictionary<int, long> _keyBySiloPort;

    private SiloProbes(IClusterClient client, Dictionary<int, long> keyBySiloPort)
    {
        _client = client;
        _keyBySiloPort = keyBySiloPort;
    }

    public static async Task<SiloProbes> FindAsync(IClusterClient client, IReadOnlyCollection<int> siloPorts)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(siloPorts);
        var management = client.GetGrain<IManagementGrain>(0);
        var found = new Dictionary<int, long>();
        for (var key = FirstKey; key < FirstKey + MaxKeys && found.Count < siloPorts.Count; key++)
        {
            var probe = client.GetGrain<IDiagnosticsGrain>(key);
            await probe.PingAsync();
            if (await management.GetActivationAddress(probe) is { } silo && siloPorts.Contains(silo.Endpoint.Port)) found.TryAdd(silo.Endpoint.Port, key);
        }

        return new SiloProbes(client, found);
    }

    /// <summary>The silo's GC heap after a forced full compacting collection (null: no probe landed on that silo).</summary>
    public async Task<SiloHeap?> HeapAfterFullCollectionAsync(int siloPort) =>
        _keyBySiloPort.TryGetValue(siloPort, out var key) ? await _client.GetGrain<IDiagnosticsGrain>(key).GetHeapAsync(collect: true) : null;

    /// <summary>
    /// Waits until the model's shards are spread over the silos as evenly as they go (each hosts ⌊S/N⌋ or ⌈S/N⌉): the
    /// first silo up activates them all, and they move to their homes once the cluster has settled (ShardRebalancer;
    /// without checkpoints only while they are empty, so before the seed). Polls every half second up to
    /// <paramref name="timeout"/>; returns the layout it ends with.
    /// </summary>
    public async Task<Dictionary<int, int>> WaitForSpreadAsync(int shards, int silos, TimeSpan timeout)
    {
        var most = (shards + silos - 1) / silos;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var bySilo = await ShardsBySiloAsync(shards);
            if ((bySilo.Values.Sum() == shards && bySilo.Count == Math.Min(silos, shards) && bySilo.Values.Max() <= most) || Stopwatch.GetTimestamp() > deadline) return bySilo;
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // other processes' timers move them: poll
        }
    }

    /// <summary>How many of the model's <paramref name="shards"/> shard grains run on each silo (by silo port).</summary>
    public async Task<Dictionary<int, int>> ShardsBySiloAsync(int shards)
    {
        var management = _client.GetGrain<IManagementGrain>(0);
        var bySilo = new Dictionary<int, int>();
        for (var s = 0; s < shards; s++)
        {
            if (await management.GetActivationAddress(_client.GetGrain<IModelShardGrain>(s)) is { } silo) bySilo[silo.Endpoint.Port] = bySilo.GetValueOrDefault(silo.Endpoint.Port) + 1;
        }

        return bySilo;
    }
}
