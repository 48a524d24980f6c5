using Personalization.Bench.Scale;

namespace Personalization.Tests.Performance;

/// <summary>
/// Smoke test of <c>Bench -- scale-ingest --quick</c>: listening events through the Orleans client into one silo process,
/// then three. Asserts that every acknowledged event was applied and counted by the silos, that the shards learned the
/// events' observations (none dropped), that the gateways' message counts are read, and that one silo sends no message
/// to another silo while three do, beyond their idle rate — never how fast (the machine is shared).
/// </summary>
[Trait("Category", "Performance")]
[Trait("Requires", "Processes")]
[Collection(PerformanceCollection.Name)]
public sealed class IngestBenchmarkTests
{
    [Fact]
    public async Task The_ingest_benchmark_learns_every_event_and_counts_silo_to_silo_messages_only_between_silos()
    {
        var run = new IngestRun(IngestSizes.Quick, Callers: 64, new Dictionary<string, string?>(), Quick: true);
        var log = new StringWriter();

        var result = await IngestBenchmark.RunAsync(run, log);

        Assert.Equal(IngestRun.SiloCounts, result.Phases.Select(p => p.Silos.Count));
        Assert.All(result.Phases, phase =>
        {
            Assert.True(phase.Events > 0, log.ToString());
            Assert.Equal(0, phase.Timed.Errors);
            Assert.Equal(phase.Events, phase.EventsApplied);
            Assert.Equal(phase.Events, phase.Window.EventsIngested);
            Assert.True(phase.Window.GatewayReceived >= phase.Events, log.ToString()); // every event is a request through a gateway
            Assert.True(phase.Learned.ObservationsApplied >= phase.Events / 2.0, log.ToString());
            Assert.Equal(phase.Learned.ObservationsPublished, phase.Learned.ObservationsApplied);
            Assert.Equal(0, phase.Learned.ObservationsDropped);
            Assert.True(phase.Learned.LearnerTrackKeys > 0, log.ToString());
        });
        var one = result.Phases[0];
        var three = result.Phases[^1];
        Assert.Equal(0, one.Window.SiloToSiloSent);
        Assert.Equal(0, one.Idle.SiloToSiloSent);
        Assert.True(three.Window.SiloToSiloSent > 0 && three.Window.SiloToSiloReceived > 0, log.ToString());
        Assert.True(three.SiloToSiloPerEventBeyondIdle > 0, log.ToString());
        Assert.NotNull(result.ThroughputRatio);
    }
}
