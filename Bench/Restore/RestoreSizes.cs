namespace Personalization.Bench.Restore;

/// <summary>How big `Bench -- restore` runs: the model's tracks, the listeners and how long the steady-state load lasts.</summary>
public sealed record RestoreSizes(int Tracks, int Listeners, TimeSpan Load, int Concurrency, TimeSpan CheckpointInterval)
{
    public static RestoreSizes Full { get; } = new(1_000_000, 20_000, TimeSpan.FromSeconds(120), 32, TimeSpan.FromSeconds(30));

    /// <summary>The CI smoke run: the same steps at a size that takes seconds.</summary>
    public static RestoreSizes Quick { get; } = new(20_000, 500, TimeSpan.FromSeconds(6), 8, TimeSpan.FromSeconds(2));
}
