namespace Personalization.Grains.Model;

/// <summary>How the silo batches observations into the shared model. Section <c>Personalization:Model</c>.</summary>
public sealed class ModelPipelineOptions
{
    public const string SectionName = "Personalization:Model";

    /// <summary>Longest time an observation waits before it is learned (bounded staleness of the read model).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most observations learned in one batch.</summary>
    public int MaxBatchSize { get; set; } = 4096;

    /// <summary>Observations that may wait; beyond that new ones are dropped and counted (events are never refused for it).</summary>
    public int QueueCapacity { get; set; } = 200_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(5)) errors.Add($"{nameof(FlushInterval)} must be in (0, 5s].");
        if (MaxBatchSize is < 1 or > 1_000_000) errors.Add($"{nameof(MaxBatchSize)} must be in [1, 1000000].");
        if (QueueCapacity < MaxBatchSize) errors.Add($"{nameof(QueueCapacity)} must be at least {nameof(MaxBatchSize)}.");
        return errors;
    }
}
