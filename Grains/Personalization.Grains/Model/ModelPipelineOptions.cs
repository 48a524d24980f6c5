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

    /// <summary>How long a stopping silo waits to hand its queued observations to the shards.</summary>
    public TimeSpan StopFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

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
        if (RebalanceDelay < TimeSpan.Zero || RebalanceDelay > TimeSpan.FromMinutes(10)) errors.Add($"{nameof(RebalanceDelay)} must be in [0, 10 min].");
        if (QueueCapacity < MaxBatchSize) errors.Add($"{nameof(QueueCapacity)} must be at least {nameof(MaxBatchSize)}.");
        return errors;
    }
}
