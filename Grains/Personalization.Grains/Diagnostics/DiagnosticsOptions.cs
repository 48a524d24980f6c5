namespace Personalization.Grains.Diagnostics;

/// <summary>
/// Section <c>Personalization:Diagnostics</c>. Seeding writes user state and model data, and a forced full collection
/// stops the silo: both are off unless a benchmark rig enables them.
/// </summary>
public sealed class DiagnosticsOptions
{
    public const string SectionName = "Personalization:Diagnostics";

    /// <summary>Allows <c>IDiagnosticsGrain.SeedUsersAsync</c> and <c>SeedCatalogAsync</c> (the performance harness sets it on its own silo).</summary>
    public bool AllowSeeding { get; set; }

    /// <summary>Allows <c>IDiagnosticsGrain.GetHeapAsync(collect: true)</c>, a blocking, compacting full GC (the performance harness's memory readings).</summary>
    public bool AllowForcedCollection { get; set; }

    /// <summary>Users seeded concurrently by one call (their state writes and activations overlap).</summary>
    public int SeedParallelism { get; set; } = 64;

    /// <summary>Catalog observations handed to the model pipeline before waiting for the shards to learn them (below its queue capacity).</summary>
    public int SeedCatalogChunk { get; set; } = 50_000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SeedParallelism is < 1 or > 10_000) errors.Add($"{nameof(SeedParallelism)} must be in [1, 10000].");
        if (SeedCatalogChunk is < 1 or > 1_000_000) errors.Add($"{nameof(SeedCatalogChunk)} must be in [1, 1000000].");
        return errors;
    }
}
