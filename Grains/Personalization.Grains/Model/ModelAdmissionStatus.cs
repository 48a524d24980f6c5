using System.Collections.Concurrent;

namespace Personalization.Grains.Model;

/// <summary>What the model shards hosted on this silo hold back (for admission, or as delivered twice), for metrics. Thread-safe.</summary>
public sealed class ModelAdmissionStatus
{
    private readonly ConcurrentDictionary<string, (int Pending, long Admitted, long Forgotten)> _shards = new(StringComparer.Ordinal);
    private long _redelivered;

    /// <summary>Observations of batches the shards here had applied already when their sender delivered them again (skipped).</summary>
    public long RedeliveredObservations => Interlocked.Read(ref _redelivered);

    public void Redelivered(int observations) => Interlocked.Add(ref _redelivered, observations);

    public void Report(string shard, int pending, long admitted, long forgotten) => _shards[shard] = (pending, admitted, forgotten);

    public void Left(string shard) => _shards.TryRemove(shard, out _);

    /// <summary>Tracks waiting for more listeners, over the shards hosted here.</summary>
    public long Pending => _shards.Values.Sum(s => (long)s.Pending);

    /// <summary>Tracks admitted by listeners' evidence by the shards' current activations here.</summary>
    public long Admitted => _shards.Values.Sum(s => s.Admitted);

    /// <summary>Tracks whose evidence aged out before admission (a flood of fresh ids shows here).</summary>
    public long Forgotten => _shards.Values.Sum(s => s.Forgotten);
}
