using Personalization.Bench.Perf;

namespace Personalization.Bench.Backfill;

/// <summary>
/// One run of <c>Bench -- backfill</c> on one cluster: the <c>ingest</c> scenario (its cold first-event pass and the warm
/// run, with its CPU per event, warm-up included) and the imports, with the ratio of each import's events/s to the warm ingest's.
/// </summary>
public sealed record BackfillResult(
    string Mode, int Silos, LoadResult FirstEvents, CpuPerEvent FirstEventsCpu, LoadResult Ingest, CpuPerEvent IngestCpu, IReadOnlyList<ImportRun> Imports, DateTimeOffset StartedAt, double TotalSeconds)
{
    public double VsIngest(ImportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Ingest.Throughput > 0 ? run.EventsPerSecond / Ingest.Throughput : 0;
    }
}
