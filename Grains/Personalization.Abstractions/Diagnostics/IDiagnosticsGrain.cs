namespace Personalization.Abstractions.Diagnostics;

/// <summary>
/// Operator and benchmark probes of a silo (key: any number; calls are spread over keys). <see cref="PingAsync"/> is
/// a no-op (the cost of a grain call itself); <see cref="GetHeapAsync"/> reads the hosting silo's GC heap. The seeding
/// methods exist for the performance harness only and are refused unless the silo enables them
/// (<c>Personalization:Diagnostics:AllowSeeding</c>).
/// </summary>
[Alias("pzn.IDiagnosticsGrain")]
public interface IDiagnosticsGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task PingAsync();

    /// <summary>
    /// GC heap of the silo hosting this activation; <paramref name="collect"/> forces a full blocking collection first,
    /// refused (<see cref="InvalidOperationException"/>) unless the silo sets <c>Personalization:Diagnostics:AllowForcedCollection</c>.
    /// </summary>
    [Alias("GetHeap")]
    Task<SiloHeap> GetHeapAsync(bool collect);

    /// <summary>Stores realistic state (built by applying a synthetic history through the engine) for users and activates them.</summary>
    [Alias("SeedUsers")]
    Task<int> SeedUsersAsync(UserSeedRequest request);

    /// <summary>Teaches the cluster-wide model a synthetic catalog (through the silo's model pipeline) and waits until it is readable.</summary>
    [Alias("SeedCatalog")]
    Task<int> SeedCatalogAsync(CatalogSeedRequest request);
}
