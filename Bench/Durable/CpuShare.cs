namespace Personalization.Bench.Durable;

/// <summary>
/// CPU time spent per 1,000 operations by the benchmark process (client and in-process silo) and by the storage
/// emulator, and the bytes the benchmark process allocated per operation.
/// </summary>
public sealed record CpuShare(double BenchMsPerThousand, double StorageMsPerThousand, double BenchBytesPerOperation)
{
    public override string ToString() => $"bench+silo {BenchMsPerThousand:F0} ms (allocating {BenchBytesPerOperation / 1024:F1} KB per operation), storage {StorageMsPerThousand:F0} ms";
}
