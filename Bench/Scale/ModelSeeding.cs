using System.Diagnostics;
using System.Globalization;
using Personalization.Abstractions.Model;
using Personalization.Engine.Load;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Scale;

/// <summary>
/// Teaches the model shards the <see cref="ZipfSeed"/> straight through <see cref="IModelShardGrain.LearnAsync(ObservationBatch)"/>
/// (numbered batches of one sender, the trusted listener 0: learned at once, as a catalogue load's), one batch in
/// flight per shard, then waits until every silo's read model has caught up with what the shards learned.
/// </summary>
public sealed class ModelSeeding(IClusterClient client, int shards)
{
    private const int BatchSize = 4096;
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>How often a shard recomputes its byte estimate at most (ModelShardGrain.EstimateEvery), on a learn call.</summary>
    private static readonly TimeSpan ShardEstimateEvery = TimeSpan.FromSeconds(10);

    private readonly ulong _sender = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    private readonly long[] _sequences = new long[shards];

    /// <summary>Sends the seed; returns the observations sent.</summary>
    public async Task<long> TeachAsync(ZipfSeed seed, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(log);
        var inFlight = new Task?[shards];
        long sent = 0;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(15);
        foreach (var (shard, batch) in seed.Batches(shards, BatchSize, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
        {
            if (inFlight[shard] is { } previous) await previous; // one batch per shard at a time, as the silo's feed sends them
            inFlight[shard] = Send(shard, batch);
            sent += batch.Length;
            if (clock.Elapsed < nextReport) continue;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {sent:N0} observations sent ({clock.Elapsed.TotalSeconds:F0} s)"));
            nextReport += TimeSpan.FromSeconds(15);
        }

        await Task.WhenAll(inFlight.OfType<Task>());
        return sent;
    }

    /// <summary>
    /// Makes every shard recompute its byte estimate (<c>personalization_model_memory_estimated_bytes{part="shards"}</c>):
    /// a shard does so on a learn call at most every 10 s, otherwise only on its checkpoint timer (off in this bench),
    /// so the figure could be the one taken in the middle of the seed. Waits until 10 s after <paramref name="learnedAt"/>,
    /// then sends each shard one play of weight 0 of a track it holds (changes no list's order).
    /// </summary>
    public async Task RefreshEstimatesAsync(ZipfSeed seed, DateTimeOffset learnedAt)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var wait = learnedAt + ShardEstimateEvery + TimeSpan.FromMilliseconds(500) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait); // the shard's own period: nothing to observe instead
        var timeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var touched = new bool[shards];
        var calls = new List<Task>();
        for (var track = 0; track < seed.Tracks && calls.Count < shards; track++)
        {
            var name = LoadCatalog.TrackId(track);
            var shard = Personalization.Grains.Model.ModelShards.Of(name, shards);
            if (touched[shard]) continue;
            touched[shard] = true;
            calls.Add(Send(shard, [new ObservationRecord(name, LoadCatalog.ArtistId(track), timeMs, 0, [])]));
        }

        await Task.WhenAll(calls);
    }

    private Task Send(int shard, ObservationRecord[] batch) =>
        client.GetGrain<IModelShardGrain>(shard).LearnAsync(new ObservationBatch(_sender, ++_sequences[shard], batch));

    /// <summary>
    /// Waits until every silo's read model caught up twice after <paramref name="learnedAt"/> (when the shards had
    /// learned the whole seed) with the same track counts both times: a whole refresh that found nothing more.
    /// </summary>
    public static async Task<IReadOnlyList<SiloModelMetrics>> WaitForReadModelsAsync(IReadOnlyList<SiloProcess> silos, DateTimeOffset learnedAt)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var clock = Stopwatch.StartNew();
        var previous = new (DateTimeOffset CaughtUp, SiloModelMetrics Metrics)?[silos.Count];
        var settled = new SiloModelMetrics?[silos.Count];
        while (settled.Any(s => s is null))
        {
            if (clock.Elapsed > CatchUpTimeout) throw new TimeoutException($"The silos' read models did not catch up within {CatchUpTimeout}.");
            await Task.Delay(Poll); // the silos refresh on their own timer: poll their metrics
            for (var i = 0; i < silos.Count; i++)
            {
                if (settled[i] is not null) continue;
                var now = DateTimeOffset.UtcNow;
                var metrics = SiloModelMetrics.Read(await silos[i].MetricsAsync());
                if (metrics.StalenessSeconds is not { } staleness) continue; // not caught up once yet
                var caughtUp = now - TimeSpan.FromSeconds(staleness);
                if (caughtUp <= learnedAt) continue;
                if (previous[i] is { } p && caughtUp - p.CaughtUp > TimeSpan.FromMilliseconds(100)
                    && p.Metrics.Tracks == metrics.Tracks && p.Metrics.SourceTracks == metrics.SourceTracks)
                {
                    settled[i] = metrics;
                }

                previous[i] = (caughtUp, metrics);
            }
        }

        return [.. settled.Select(s => s!)];
    }
}
