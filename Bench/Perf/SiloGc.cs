using Personalization.Abstractions.Diagnostics;

namespace Personalization.Bench.Perf;

/// <summary>
/// What the silo's garbage collector did during one load run (warm-up included, as the CPU figure): collections per
/// generation, the time the process was paused for them, and the bytes allocated, per operation and as a share of the
/// run's wall time. From two <see cref="SiloHeap"/> readings around the run (process-lifetime totals, differenced).
/// </summary>
public sealed record SiloGc(int Gen0, int Gen1, int Gen2, double PauseMs, long AllocatedBytes, long Operations, double Seconds)
{
    public double AllocatedBytesPerOperation => Operations > 0 ? AllocatedBytes / (double)Operations : 0;

    public double PauseMicrosecondsPerOperation => Operations > 0 ? PauseMs * 1000 / Operations : 0;

    /// <summary>Share of the run's wall time in which the silo's managed threads were paused for a collection.</summary>
    public double PauseShare => Seconds > 0 ? PauseMs / 1000 / Seconds : 0;

    public static SiloGc Between(SiloHeap before, SiloHeap after, long operations, double seconds)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new SiloGc(
            after.Gen0Collections - before.Gen0Collections, after.Gen1Collections - before.Gen1Collections, after.Gen2Collections - before.Gen2Collections,
            after.GcPauseMilliseconds - before.GcPauseMilliseconds, after.AllocatedBytes - before.AllocatedBytes, operations, seconds);
    }
}
