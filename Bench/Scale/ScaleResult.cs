namespace Personalization.Bench.Scale;

/// <summary>
/// A `Bench -- scale` run: the catalogue (tracks, those with successors), the Zipf ranks the bench counted as head
/// and drew anchors from, the partitioned cluster (<see cref="ScaleRun.Silos"/> silos) and the one-silo full replica
/// it is compared with.
/// </summary>
public sealed record ScaleResult(DateTimeOffset StartedAt, double TotalSeconds, ScaleRun Run, int SourceTracks, ScalePhase Partitioned, ScalePhase Replica)
{
    private long? ReplicaHeap => Replica.Silos.Count == 1 ? Replica.Silos[0].ModelHeapBytes : null;

    private double? ReplicaEstimate => Replica.Silos.Count == 1 ? Replica.Silos[0].Metrics.EstimatedBytes : null;

    /// <summary>A silo's model heap ÷ the full replica's (null when either was not measured).</summary>
    public double? HeapVsReplica(SiloReading silo) =>
        silo?.ModelHeapBytes is { } heap && ReplicaHeap is { } replica && replica > 0 ? (double)heap / replica : null;

    /// <summary>A silo's estimated model bytes ÷ the full replica's.</summary>
    public double? EstimateVsReplica(SiloReading silo) =>
        silo?.Metrics.EstimatedBytes is { } bytes && ReplicaEstimate is { } replica && replica > 0 ? bytes / replica : null;

    /// <summary>The headline: the largest per-silo model heap of the partitioned cluster ÷ the full replica's (goal ≤ 0.40).</summary>
    public double? WorstHeapVsReplica => Partitioned.Silos.Select(HeapVsReplica).Max();

    public double? WorstEstimateVsReplica => Partitioned.Silos.Select(EstimateVsReplica).Max();

    /// <summary>
    /// Orleans places the model shards where it likes (a silo's model refresh activates them, so all of them tend to run
    /// on the first silo up). A fit over the partitioned silos, model heap = base + shards hosted × per shard, separates
    /// what a silo holds for its shards from the rest (read model, vocabulary, tail cache); null unless the silos host
    /// at least two different numbers of shards.
    /// </summary>
    public (double Base, double PerShard)? ShardFit
    {
        get
        {
            var points = Partitioned.Silos.Where(s => s.ModelHeapBytes is not null).Select(s => (X: (double)s.ShardsHosted, Y: (double)s.ModelHeapBytes!.Value)).ToList();
            if (points.Select(p => p.X).Distinct().Count() < 2) return null;
            var meanX = points.Average(p => p.X);
            var meanY = points.Average(p => p.Y);
            var perShard = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
            return (meanY - (perShard * meanX), perShard);
        }
    }

    /// <summary>The largest silo's model heap had the shards been spread evenly (at most ⌈shards ÷ silos⌉ each), ÷ the full replica's.</summary>
    public double? EvenSpreadHeapVsReplica =>
        ShardFit is { } fit && ReplicaHeap is { } replica && replica > 0
            ? (fit.Base + (Math.Ceiling((double)Run.Shards / Partitioned.Silos.Count) * fit.PerShard)) / replica
            : null;
}
