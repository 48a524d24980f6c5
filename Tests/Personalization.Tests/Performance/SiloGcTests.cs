using Personalization.Abstractions.Diagnostics;
using Personalization.Bench.Perf;

namespace Personalization.Tests.Performance;

/// <summary>How a load run's GC figures are formed from two process-lifetime readings of the silo (no silo process needed).</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class SiloGcTests
{
    [Fact]
    public void A_run_is_charged_the_difference_of_the_two_readings_per_operation_and_per_second()
    {
        var before = new SiloHeap(1_000, 2_000, 3_000, Gen2Collections: 4, RecentlyActiveActivations: 10, Gen0Collections: 100, Gen1Collections: 20, GcPauseMilliseconds: 500, AllocatedBytes: 1_000_000);
        var after = before with { Gen2Collections = 5, Gen0Collections = 130, Gen1Collections = 23, GcPauseMilliseconds = 800, AllocatedBytes = 9_000_000 };

        var gc = SiloGc.Between(before, after, operations: 2_000, seconds: 3);

        Assert.Equal((30, 3, 1), (gc.Gen0, gc.Gen1, gc.Gen2));
        Assert.Equal(300, gc.PauseMs, 9);
        Assert.Equal(4_000, gc.AllocatedBytesPerOperation, 9); // 8 MB over 2,000 operations
        Assert.Equal(150, gc.PauseMicrosecondsPerOperation, 9); // 300 ms over 2,000 operations
        Assert.Equal(0.1, gc.PauseShare, 9); // 0.3 s of 3 s
    }

    [Fact]
    public void A_run_without_operations_or_time_reports_zeros_rather_than_dividing_by_them()
    {
        var reading = new SiloHeap(1, 1, 1, 0, GcPauseMilliseconds: 10, AllocatedBytes: 100);
        var gc = SiloGc.Between(reading, reading with { GcPauseMilliseconds = 20, AllocatedBytes = 200 }, operations: 0, seconds: 0);
        Assert.Equal((0.0, 0.0, 0.0), (gc.AllocatedBytesPerOperation, gc.PauseMicrosecondsPerOperation, gc.PauseShare));
    }
}
