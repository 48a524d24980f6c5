using Personalization.Bench.Scale;

namespace Personalization.Tests.Performance;

/// <summary>
/// What `Bench -- scale-ingest` reads from a silo's <c>/metrics</c> (the exposition as the silo writes it): messages by
/// connection and message direction, the feed's observations by outcome, and the growth between two readings.
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "None")]
public sealed class IngestCountersTests
{
    private const string Exposition = """
        # TYPE orleans_messaging_sent_messages_size_bytes histogram
        orleans_messaging_sent_messages_size_bytes_bucket{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Request",silo="S127.0.0.1:1:1",le="+Inf"} 70
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Request",silo="S127.0.0.1:1:1"} 70
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Request",silo="S127.0.0.1:2:2"} 30
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Response",silo="S127.0.0.1:1:1"} 40
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="GatewayToClient",MessageDirection="Response"} 900
        orleans_messaging_sent_messages_size_bytes_sum{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Request",silo="S127.0.0.1:1:1"} 7000
        orleans_messaging_sent_messages_size_bytes_sum{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Response",silo="S127.0.0.1:1:1"} 512
        orleans_messaging_sent_messages_size_bytes_sum{otel_scope_name="Microsoft.Orleans",ConnectionDirection="GatewayToClient",MessageDirection="Response"} 90000
        orleans_messaging_received_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Response",silo="S127.0.0.1:1:1"} 55
        orleans_messaging_received_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="GatewayToClient",MessageDirection="Request"} 1000
        personalization_events_ingested_total{otel_scope_name="Personalization",outcome="applied"} 1000
        personalization_model_observations_total{otel_scope_name="Personalization",outcome="published"} 990
        personalization_model_observations_total{otel_scope_name="Personalization",outcome="applied"} 980
        personalization_model_observations_total{otel_scope_name="Personalization",outcome="dropped"} 4
        personalization_model_learner_keys{otel_scope_name="Personalization",kind="track"} 500
        personalization_model_learner_keys{otel_scope_name="Personalization",kind="artist"} 60
        """;

    [Fact]
    public void Messages_are_read_by_connection_and_message_direction_and_what_is_missing_counts_zero()
    {
        var c = IngestCounters.Read(Exposition, cpuSeconds: 2.5);

        Assert.Equal((140, 100, 40, 0), (c.SiloToSiloSent, c.SiloToSiloSentRequests, c.SiloToSiloSentResponses, c.SiloToSiloSentOneWay));
        Assert.Equal((55, 1000, 900), (c.SiloToSiloReceived, c.GatewayReceived, c.GatewaySent));
        Assert.Equal((1000, 990, 980, 4, 500), (c.EventsIngested, c.ObservationsPublished, c.ObservationsApplied, c.ObservationsDropped, c.LearnerTrackKeys));
        Assert.Equal(6, c.ObservationsQueued);
        Assert.Equal(7512, c.SiloToSiloSentBytes); // the sum of silo-to-silo message sizes, not the gateway's
        Assert.Equal((0, 0, 2.5), (c.PingsSent, c.AdmissionAdmitted, c.CpuSeconds));
    }

    [Fact]
    public void The_growth_between_readings_is_summed_over_silos()
    {
        var before = IngestCounters.Read("", cpuSeconds: 1);
        var after = IngestCounters.Read(Exposition, cpuSeconds: 2.5);

        var total = IngestCounters.Sum([after.Since(before), after.Since(before)]);

        Assert.Equal((280, 2000, 1960, 3.0), (total.SiloToSiloSent, total.EventsIngested, total.ObservationsApplied, total.CpuSeconds));
        Assert.Equal(15024, total.SiloToSiloSentBytes);
        Assert.Equal(IngestCounters.Zero, after.Since(after));
    }
}
