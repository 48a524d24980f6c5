using System.Diagnostics;

namespace Personalization.Bench.Durable;

/// <summary>
/// Measures CPU time (user + system) of this process and of the storage emulator's process between calls to
/// <see cref="Take"/>, so a benchmark can say which side a throughput limit comes from on a shared machine.
/// </summary>
public sealed class CpuMeter(int storagePid)
{
    private TimeSpan _bench = Process.GetCurrentProcess().TotalProcessorTime;
    private TimeSpan _storage = StorageTime(storagePid);
    private long _allocated = GC.GetTotalAllocatedBytes();

    /// <summary>CPU spent since the previous call, per 1,000 of <paramref name="operations"/>.</summary>
    public CpuShare Take(long operations)
    {
        var bench = Process.GetCurrentProcess().TotalProcessorTime;
        var storage = StorageTime(storagePid);
        var allocated = GC.GetTotalAllocatedBytes();
        var per = operations == 0 ? 0 : 1000.0 / operations;
        var share = new CpuShare(
            (bench - _bench).TotalMilliseconds * per, (storage - _storage).TotalMilliseconds * per, (allocated - _allocated) * per / 1000);
        (_bench, _storage, _allocated) = (bench, storage, allocated);
        return share;
    }

    private static TimeSpan StorageTime(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
