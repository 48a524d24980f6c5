namespace Personalization.Bench.Backfill;

/// <summary>
/// CPU time per event (microseconds, user + system) of the silo process(es), of this process (the client: the load
/// generator or the importer) and of Azurite (0 in memory mode). It hardly depends on what else runs on a shared
/// machine, where events/s does: it says where an import's time goes.
/// </summary>
public sealed record CpuPerEvent(double Silos, double Client, double Storage);
