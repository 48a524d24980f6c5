using System.Diagnostics;
using HdrHistogram;

namespace Personalization.Bench.Perf;

/// <summary>
/// Closed-loop load: <c>concurrency</c> callers each await one operation after the other; a warm-up (not recorded), then
/// a fixed duration whose latencies go to per-caller HdrHistograms (microseconds, 3 significant digits), merged at the
/// end. A failed operation is counted, not timed; more than 1% failures fails the scenario. A window in which no
/// operation completed (every call slower than the window, e.g. on a starved machine with the 1 s windows of
/// <c>--quick</c>) is extended until one does, for at most <see cref="MaxExtension"/>: the figures then cover the longer
/// window, never an empty one.
/// </summary>
public static class LoadRunner
{
    private const long HighestMicroseconds = 60_000_000;

    /// <summary>How long a window without any completed operation is extended before it ends empty.</summary>
    public static readonly TimeSpan MaxExtension = TimeSpan.FromSeconds(30);

    /// <summary>An operation: caller number and the caller's own running count (both for choosing keys).</summary>
    public delegate Task Operation(int caller, long n);

    /// <param name="finished">Set when the work ran out (a pass over a fixed set of keys): callers stop early.</param>
    public static async Task<LoadResult> RunAsync(
        string scenario, int concurrency, TimeSpan warmup, TimeSpan duration, Operation operation, CancellationToken finished = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var histograms = new LongHistogram[concurrency];
        var operations = new long[concurrency];
        var errors = new long[concurrency];
        Exception? firstError = null;
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var end = warmup + duration;
        var hardEnd = end + MaxExtension;
        long measuredOperations = 0;

        async Task Caller(int caller)
        {
            var histogram = histograms[caller] = new LongHistogram(HighestMicroseconds, 3);
            await Task.Yield();
            for (long n = 0; ; n++)
            {
                var started = clock.Elapsed;
                if (finished.IsCancellationRequested || (started >= end && (Interlocked.Read(ref measuredOperations) > 0 || started >= hardEnd))) return;
                try
                {
                    await operation(caller, n);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Interlocked.CompareExchange(ref firstError, ex, null);
                    if (started >= measureFrom) errors[caller]++;
                    continue;
                }

                if (started < measureFrom || finished.IsCancellationRequested) continue; // a call past the end of the work did nothing
                var micros = (long)((clock.Elapsed - started).TotalMilliseconds * 1000);
                histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
                operations[caller]++;
                Interlocked.Increment(ref measuredOperations);
            }
        }

        var callers = Enumerable.Range(0, concurrency).Select(Caller).ToArray();
        await Task.WhenAll(callers);
        var measured = clock.Elapsed - measureFrom; // includes the tail of calls still running at the end: no inflation

        var merged = new LongHistogram(HighestMicroseconds, 3);
        foreach (var h in histograms) merged.Add(h);
        var total = operations.Sum();
        var failed = errors.Sum();
        if (failed > Math.Max(10, total / 100))
        {
            throw new InvalidOperationException($"{scenario}: {failed} of {total + failed} operations failed; first error: {firstError?.GetType().Name}: {firstError?.Message}", firstError);
        }

        double Ms(double percentile) => merged.TotalCount == 0 ? 0 : merged.GetValueAtPercentile(percentile) / 1000.0;
        var seconds = Math.Max(1e-9, measured.TotalSeconds);
        var error = failed > 0 && firstError is not null ? $"{firstError.GetType().Name}: {firstError.Message}" : null;
        return new LoadResult(scenario, concurrency, total, failed, seconds, Ms(50), Ms(99), Ms(99.9), merged.GetMaxValue() / 1000.0, error);
    }
}
