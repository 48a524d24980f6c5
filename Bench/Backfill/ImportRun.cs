namespace Personalization.Bench.Backfill;

/// <summary>
/// One import of a <see cref="HistoryShape"/> through the import command's code: rows sent, events the cluster applied,
/// rows skipped (unreadable or refused), and the import's own events/s (rows sent ÷ time from reading the file to the
/// last acknowledgement, reading and sorting included), and the CPU it cost per event.
/// </summary>
public sealed record ImportRun(HistoryShape Shape, long Rows, long Imported, long Skipped, long Listeners, double Seconds, double EventsPerSecond, CpuPerEvent Cpu);
