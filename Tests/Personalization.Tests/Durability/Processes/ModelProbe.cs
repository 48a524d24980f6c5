using Azure.Data.Tables;
using Personalization.Abstractions.Model;
using Personalization.Engine.Exploration;
using Personalization.Engine.Ranking;
using Personalization.Grains.Model.Checkpoints;

namespace Personalization.Tests.Durability.Processes;

/// <summary>What a process test reads of the shared model: the shards' learned observations and the stored re-ranker state.</summary>
public static class ModelProbe
{
    public const int Shards = 8;

    /// <summary>Makes every shard write its checkpoint now; returns the observations all of them have learned.</summary>
    public static async Task<long> CheckpointShardsAsync(IClusterClient client)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, Shards).Select(s => client.GetGrain<IModelShardGrain>(s).CheckpointAsync()));
        return counts.Sum();
    }

    /// <summary>Polls (bounded) until the shards have learned <paramref name="expected"/> observations; returns what they have.</summary>
    public static async Task<long> WaitForObservationsAsync(IClusterClient client, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long learned;
        while ((learned = await CheckpointShardsAsync(client)) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250); // the silos' pipelines push every FlushInterval: poll the shards' count
        }

        return learned;
    }

    /// <summary>Whether any silo has stored a re-ranker header with a model in service.</summary>
    public static async Task<bool> StoredRankerHasModelAsync(string connectionString, string table)
    {
        var store = new AzureTableModelCheckpointStore(new TableServiceClient(connectionString), table);
        foreach (var header in await store.ReadAsync("learned"))
        {
            if (RankerCheckpoint.DecodeHeader(header.Data, new SourceArms(new ExplorationOptions())).Model is not null) return true;
        }

        return false;
    }
}
