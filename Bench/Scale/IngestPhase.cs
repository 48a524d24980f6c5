using Personalization.Bench.Perf;

namespace Personalization.Bench.Scale;

/// <summary>
/// One cluster of `Bench -- scale-ingest`: the closed loop's timed window (<see cref="Timed"/>: events acknowledged,
/// latency, errors) and the events the user grains applied in it; the silos' counters over an idle interval before any
/// load (<see cref="Idle"/>: the cluster's background messages), over the timed window (<see cref="Window"/>, summed;
/// per silo in <see cref="Silos"/>), and from the start of the window until every silo's feed had handed all its
/// observations to the shards (<see cref="Learned"/>, <see cref="DrainSeconds"/> after the window); the load
/// generator's CPU seconds in the window.
/// </summary>
public sealed record IngestPhase(
    IReadOnlyList<IngestSilo> Silos,
    double IdleSeconds,
    IngestCounters Idle,
    LoadResult Timed,
    long EventsApplied,
    double WindowSeconds,
    IngestCounters Window,
    IngestCounters Learned,
    double DrainSeconds,
    double LoadGeneratorCpuSeconds)
{
    public string Name => Silos.Count == 1 ? "1 silo" : $"{Silos.Count} silos";

    public long Events => Timed.Operations;

    public double EventsPerSecond => Timed.Throughput;

    /// <summary>Messages silos sent to other silos in the window, per event acknowledged.</summary>
    public double SiloToSiloPerEvent => PerEvent(Window.SiloToSiloSent);

    /// <summary>Bytes of the messages silos sent to other silos in the window, per event acknowledged.</summary>
    public double SiloToSiloBytesPerEvent => PerEvent(Window.SiloToSiloSentBytes);

    /// <summary>Silo-to-silo messages per second with no load (membership probes, read-model pulls of the shards).</summary>
    public double IdleSiloToSiloPerSecond => IdleSeconds > 0 ? Idle.SiloToSiloSent / IdleSeconds : 0;

    /// <summary>Silo-to-silo messages per event beyond the idle rate: what the events themselves caused.</summary>
    public double SiloToSiloPerEventBeyondIdle => PerEvent(Window.SiloToSiloSent - (IdleSiloToSiloPerSecond * WindowSeconds));

    /// <summary>Messages between the client and the silos' gateways (both ways) per event.</summary>
    public double GatewayPerEvent => PerEvent(Window.GatewayReceived + Window.GatewaySent);

    /// <summary>Observations the shards learned (the feeds' <c>applied</c>) per event acknowledged.</summary>
    public double ObservationsPerEvent => PerEvent(Learned.ObservationsApplied);

    /// <summary>CPU milliseconds of all silo processes per event.</summary>
    public double SiloCpuMsPerEvent => PerEvent(Window.CpuSeconds * 1000);

    private double PerEvent(double count) => Events > 0 ? count / Events : 0;
}
