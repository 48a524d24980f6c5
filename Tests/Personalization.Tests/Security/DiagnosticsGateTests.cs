using Personalization.Abstractions.Diagnostics;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Security;

/// <summary>
/// Anything that reaches the Orleans ports may call <see cref="IDiagnosticsGrain"/>: a forced, blocking full GC is
/// refused unless the silo enables it (finding 2), while the plain heap reading stays available.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class DiagnosticsGateTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_forced_collection_is_refused_by_a_default_silo()
    {
        var diagnostics = cluster.Client.GetGrain<IDiagnosticsGrain>(2201);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => diagnostics.GetHeapAsync(collect: true));
        var heap = await diagnostics.GetHeapAsync(collect: false);

        Assert.Contains("AllowForcedCollection", refused.Message, StringComparison.Ordinal);
        Assert.True(heap.HeapBytes > 0);
    }
}
