namespace Personalization.Bench.Scale;

/// <summary>One silo process of an ingest phase: the model shards it hosted, and its counters' growth over the timed window.</summary>
public sealed record IngestSilo(int Pid, int SiloPort, int ShardsHosted, IngestCounters Window);
