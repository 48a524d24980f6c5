namespace Personalization.Grains.Model;

/// <summary>How the silo batches observations into the shared model. Section <c>Personalization:Model</c>.</summary>
public sealed class ModelPipelineOptions
{
    public const string SectionName = "Personalization:Model";

    /// <summary>Longest time an observation waits on its silo before it is sent to the model shards.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a silo pulls the shards' changes into its read model; with FlushInterval, bounds staleness.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Number of model shard grains (partitions of the cluster-wide model). Changing it resets the model.</summary>
    public int Shards { get; set; } = 8;

    /// <summary>Most keys one pull returns (a reader catching up pulls repeatedly).</summary>
    public int MaxKeysPerPull { get; set; } = 20_000;

    /// <summary>Most observations learned in one batch.</summary>
    public int MaxBatchSize { get; set; } = 4096;

    /// <summary>Observations that may wait; beyond that new ones are dropped and counted (events are never refused for it).</summary>
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>
    /// Source tracks whose successor lists every silo replicates in its read model (the head: the most played ones,
    /// spread over the shards, each keeping <c>HeadTracks / Shards</c>). The other sources' lists (the tail) stay in
    /// their shard and are read on demand. Memory per silo grows with the head, not with the catalogue.
    /// </summary>
    public int HeadTracks { get; set; } = 200_000;

    /// <summary>How often a shard recomputes which of its sources are in the head.</summary>
    public TimeSpan HeadRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tail successor lists a silo caches (each at most MaxSuccessorsPerTrack entries).</summary>
    public int TailCacheKeys { get; set; } = 50_000;

    /// <summary>How long a cached tail list is used before it is read again from its shard.</summary>
    public TimeSpan TailCacheTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for a tail read; a recommendation goes on without the lists that did not arrive.</summary>
    public TimeSpan TailReadTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stopping silo waits to hand its queued observations to the shards.</summary>
    public TimeSpan StopFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a batch the cluster refuses (a silo joins or leaves) is retried before its observations are dropped. A
    /// stopping silo's shards are refused until it has left the cluster (the grain directory points at them until then),
    /// which takes about its <see cref="StopFlushTimeout"/> and the rest of its shutdown. The feed waits meanwhile; what
    /// is published queues (<see cref="QueueCapacity"/>).
    /// </summary>
    public TimeSpan DeliveryPatience { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a shard moves to its home when silos join or leave (it always activates at its home; see Placement/ShardRebalancer).</summary>
    public bool FollowCluster { get; set; } = true;

    /// <summary>How long the cluster must stay unchanged before shards move to their new homes (a rolling restart moves them once, at its end).</summary>
    public TimeSpan RebalanceDelay { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(5)) errors.Add($"{nameof(FlushInterval)} must be in (0, 5s].");
        if (RefreshInterval <= TimeSpan.Zero || RefreshInterval > TimeSpan.FromSeconds(5)) errors.Add($"{nameof(RefreshInterval)} must be in (0, 5s].");
        if (Shards is < 1 or > 1024) errors.Add($"{nameof(Shards)} must be in [1, 1024].");
        if (MaxKeysPerPull is < 1 or > 1_000_000) errors.Add($"{nameof(MaxKeysPerPull)} must be in [1, 1000000].");
        if (MaxBatchSize is < 1 or > 1_000_000) errors.Add($"{nameof(MaxBatchSize)} must be in [1, 1000000].");
        if (StopFlushTimeout < TimeSpan.Zero || StopFlushTimeout > TimeSpan.FromMinutes(2)) errors.Add($"{nameof(StopFlushTimeout)} must be in [0, 2 min].");
        if (DeliveryPatience < TimeSpan.FromSeconds(1) || DeliveryPatience > TimeSpan.FromMinutes(5)) errors.Add($"{nameof(DeliveryPatience)} must be in [1 s, 5 min].");
        if (HeadTracks is < 1 or > 100_000_000) errors.Add($"{nameof(HeadTracks)} must be in [1, 100000000].");
        if (HeadRefreshInterval < TimeSpan.FromSeconds(1) || HeadRefreshInterval > TimeSpan.FromHours(1)) errors.Add($"{nameof(HeadRefreshInterval)} must be in [1 s, 1 h].");
        if (TailCacheKeys is < 1 or > 10_000_000) errors.Add($"{nameof(TailCacheKeys)} must be in [1, 10000000].");
        if (TailCacheTtl <= TimeSpan.Zero || TailCacheTtl > TimeSpan.FromHours(1)) errors.Add($"{nameof(TailCacheTtl)} must be in (0, 1 h].");
        if (TailReadTimeout <= TimeSpan.Zero || TailReadTimeout > TimeSpan.FromSeconds(10)) errors.Add($"{nameof(TailReadTimeout)} must be in (0, 10 s].");
        if (RebalanceDelay < TimeSpan.Zero || RebalanceDelay > TimeSpan.FromMinutes(10)) errors.Add($"{nameof(RebalanceDelay)} must be in [0, 10 min].");
        if (QueueCapacity < MaxBatchSize) errors.Add($"{nameof(QueueCapacity)} must be at least {nameof(MaxBatchSize)}.");
        return errors;
    }
}
