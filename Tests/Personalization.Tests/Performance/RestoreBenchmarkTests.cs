using Personalization.Bench.Restore;

namespace Personalization.Tests.Performance;

/// <summary>
/// Smoke test of <c>Bench -- restore --quick</c>: Azurite and a real silo process; the model is checkpointed, loaded,
/// killed with SIGKILL and restored. Asserts that every step ran and every checkpointed observation came back — never
/// how fast (the machine is shared).
/// </summary>
[Trait("Category", "Performance")]
[Trait("Requires", "Azurite")]
[Trait("Requires", "Processes")]
[Collection(PerformanceCollection.Name)]
public sealed class RestoreBenchmarkTests
{
    [Fact]
    public async Task The_restore_benchmark_checkpoints_loads_kills_and_restores_everything()
    {
        var sizes = RestoreSizes.Quick;
        var log = new StringWriter();

        var result = await RestoreBenchmark.RunAsync(sizes, log);

        Assert.True(result.Observations >= sizes.Tracks, log.ToString());
        Assert.Equal(result.Observations, result.ObservationsRestored);
        Assert.Equal(0, result.KeysEvicted); // the whole model was held, so the whole model was restored
        Assert.True(result.FullCheckpointTransactions > 0 && result.FullCheckpointBytes > 0, log.ToString());
        Assert.True(result.LoadEvents > 0 && result.LoadTransactions > 0, log.ToString());
        Assert.True(result.ReadySeconds > 0 && result.RestoreSeconds > 0, log.ToString());
        Assert.Contains("observations restored", RestoreBenchmark.Render(result, sizes), StringComparison.Ordinal);
    }
}
