namespace Personalization.Bench.Scale;

/// <summary>
/// The counters `Bench -- scale-ingest` reads from a silo's <c>/metrics</c> (Orleans' meter and the project's), and the
/// silo process's CPU seconds; a missing sample counts 0 (an instrument shows a label once it counted something).
/// Messages are the counts of Orleans' message-size histograms (<c>orleans-messaging-sent-messages-size</c>, one sample a
/// message written to a connection), by the connection's direction: <c>SiloToSilo</c> (sent and received by silos,
/// membership probes included) and <c>GatewayToClient</c> (the silo's side of a client connection); the histogram's sum
/// is the bytes those messages took (<see cref="SiloToSiloSentBytes"/>).
/// </summary>
public sealed record IngestCounters(
    double SiloToSiloSent,
    double SiloToSiloReceived,
    double SiloToSiloSentRequests,
    double SiloToSiloSentResponses,
    double SiloToSiloSentOneWay,
    double SiloToSiloSentBytes,
    double GatewayReceived,
    double GatewaySent,
    double PingsSent,
    double EventsIngested,
    double ObservationsPublished,
    double ObservationsApplied,
    double ObservationsDropped,
    double AdmissionAdmitted,
    double LearnerTrackKeys,
    double CpuSeconds)
{
    private const string Sent = "orleans_messaging_sent_messages_size_bytes_count";
    private const string Received = "orleans_messaging_received_messages_size_bytes_count";
    private const string SentBytes = "orleans_messaging_sent_messages_size_bytes_sum";
    private const string Observations = "personalization_model_observations_total";

    public static IngestCounters Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Observations handed to the silo's feed and not yet learned by a shard nor dropped.</summary>
    public double ObservationsQueued => ObservationsPublished - ObservationsApplied - ObservationsDropped;

    public static IngestCounters Read(string exposition, double? cpuSeconds)
    {
        var m = new MetricSamples(exposition);
        double Messages(string name, string connection, string? direction = null)
        {
            List<(string, string)> labels = [("ConnectionDirection", connection)];
            if (direction is not null) labels.Add(("MessageDirection", direction));
            return m.Sum(name, labels) ?? 0;
        }

        return new IngestCounters(
            Messages(Sent, "SiloToSilo"),
            Messages(Received, "SiloToSilo"),
            Messages(Sent, "SiloToSilo", "Request"),
            Messages(Sent, "SiloToSilo", "Response"),
            Messages(Sent, "SiloToSilo", "OneWay"),
            Messages(SentBytes, "SiloToSilo"),
            Messages(Received, "GatewayToClient"),
            Messages(Sent, "GatewayToClient"),
            m.Sum("orleans_messaging_pings_sent_total") ?? 0,
            m.Sum("personalization_events_ingested_total") ?? 0,
            m.Sum(Observations, "outcome", "published") ?? 0,
            m.Sum(Observations, "outcome", "applied") ?? 0,
            m.Sum(Observations, "outcome", "dropped") ?? 0,
            m.Sum("personalization_model_admission_admitted_total") ?? 0,
            m.Sum("personalization_model_learner_keys", "kind", "track") ?? 0,
            cpuSeconds ?? 0);
    }

    /// <summary>Every counter summed over silos.</summary>
    public static IngestCounters Sum(IEnumerable<IngestCounters> silos) => (silos ?? []).Aggregate(Zero, (a, b) => Combine(a, b, 1));

    /// <summary>The growth from <paramref name="before"/> to this (gauges too: the learner's keys added).</summary>
    public IngestCounters Since(IngestCounters before) => Combine(this, before ?? Zero, -1);

    private static IngestCounters Combine(IngestCounters a, IngestCounters b, int sign) => new(
        a.SiloToSiloSent + (sign * b.SiloToSiloSent),
        a.SiloToSiloReceived + (sign * b.SiloToSiloReceived),
        a.SiloToSiloSentRequests + (sign * b.SiloToSiloSentRequests),
        a.SiloToSiloSentResponses + (sign * b.SiloToSiloSentResponses),
        a.SiloToSiloSentOneWay + (sign * b.SiloToSiloSentOneWay),
        a.SiloToSiloSentBytes + (sign * b.SiloToSiloSentBytes),
        a.GatewayReceived + (sign * b.GatewayReceived),
        a.GatewaySent + (sign * b.GatewaySent),
        a.PingsSent + (sign * b.PingsSent),
        a.EventsIngested + (sign * b.EventsIngested),
        a.ObservationsPublished + (sign * b.ObservationsPublished),
        a.ObservationsApplied + (sign * b.ObservationsApplied),
        a.ObservationsDropped + (sign * b.ObservationsDropped),
        a.AdmissionAdmitted + (sign * b.AdmissionAdmitted),
        a.LearnerTrackKeys + (sign * b.LearnerTrackKeys),
        a.CpuSeconds + (sign * b.CpuSeconds));
}
