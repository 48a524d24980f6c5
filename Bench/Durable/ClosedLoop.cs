using System.Diagnostics;

namespace Personalization.Bench.Durable;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each run one operation after another. The first
/// <c>warmup</c> lets the JIT tier up and caches fill; only operations completed in the following window count,
/// and the CPU meter covers exactly that window.
/// </summary>
public static class ClosedLoop
{
    public sealed record Measurement(long Operations, double Seconds, CpuShare Cpu)
    {
        public double PerSecond => Operations / Seconds;
    }

    public static async Task<Measurement> RunAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, CpuMeter meter, Func<int, long, Task> operation,
        Action? atWindowStart = null, Action? atWindowEnd = null)
    {
        long counted = 0;
        var measuring = 0;
        var clock = Stopwatch.StartNew();
        var end = warmup + duration;
        var window = Task.Run(async () =>
        {
            await Task.Delay(warmup);
            meter.Take(0);
            atWindowStart?.Invoke();
            var start = clock.Elapsed;
            Volatile.Write(ref measuring, 1);
            await Task.Delay(duration);
            Volatile.Write(ref measuring, 2);
            atWindowEnd?.Invoke();
            var seconds = (clock.Elapsed - start).TotalSeconds;
            return (seconds, meter.Take(Interlocked.Read(ref counted)));
        });
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (long i = 0; clock.Elapsed < end && Volatile.Read(ref measuring) < 2; i++)
            {
                await operation(worker, i);
                if (Volatile.Read(ref measuring) == 1) Interlocked.Increment(ref counted);
            }
        }));
        var (elapsed, cpu) = await window;
        return new Measurement(Interlocked.Read(ref counted), elapsed, cpu);
    }
}
