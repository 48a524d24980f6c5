namespace Personalization.Bench.Scale;

/// <summary>A `Bench -- scale-ingest` run: the machine's load average when it started, and one phase per cluster size (1 silo, then 3).</summary>
public sealed record IngestResult(DateTimeOffset StartedAt, double TotalSeconds, IngestRun Run, string? LoadAverageBefore, int ProcessorCount, IReadOnlyList<IngestPhase> Phases)
{
    /// <summary>Events/s of the largest cluster ÷ events/s of one silo.</summary>
    public double? ThroughputRatio => Phases.Count >= 2 && Phases[0].EventsPerSecond > 0 ? Phases[^1].EventsPerSecond / Phases[0].EventsPerSecond : null;
}
