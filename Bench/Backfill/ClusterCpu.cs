using System.Diagnostics;
using Personalization.Bench.Perf;

namespace Personalization.Bench.Backfill;

/// <summary>Reads the CPU time of the cluster's processes (<see cref="ProcessCpu"/>) and of this process, to charge a step per event.</summary>
public sealed class ClusterCpu(IReadOnlyList<int> siloPids, int? storagePid)
{
    /// <summary>CPU seconds used so far by the silos, this process and the storage emulator.</summary>
    public (double Silos, double Client, double Storage) Read() =>
        (siloPids.Sum(pid => ProcessCpu.Seconds(pid) ?? 0),
         Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
         storagePid is { } storage ? ProcessCpu.Seconds(storage) ?? 0 : 0);

    /// <summary>What was used since <paramref name="start"/> (a <see cref="Read"/>), per event of <paramref name="events"/>.</summary>
    public CpuPerEvent Since((double Silos, double Client, double Storage) start, long events)
    {
        var now = Read();
        var per = events > 0 ? 1e6 / events : 0;
        return new CpuPerEvent((now.Silos - start.Silos) * per, (now.Client - start.Client) * per, (now.Storage - start.Storage) * per);
    }
}
