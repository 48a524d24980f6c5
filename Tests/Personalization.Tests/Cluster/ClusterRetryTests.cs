using Orleans.Runtime;
using Personalization.Abstractions;

namespace Personalization.Tests.Cluster;

[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ClusterRetryTests
{
    [Fact]
    public async Task A_call_refused_during_a_membership_change_is_repeated_up_to_four_attempts()
    {
        var attempts = 0;
        var result = await ClusterRetry.RunAsync(() => ++attempts < 4 ? throw new SiloUnavailableException("left") : Task.FromResult(attempts), CancellationToken.None);
        Assert.Equal(4, result);

        attempts = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => ClusterRetry.RunAsync<int>(() =>
        {
            attempts++;
            throw new SiloUnavailableException("still gone");
        }, CancellationToken.None));
        Assert.Equal(ClusterRetry.MaxAttempts, attempts);
    }

    [Fact]
    public async Task A_grain_that_stepped_down_for_its_moved_activation_is_retried_and_a_storage_outage_is_not()
    {
        var attempts = 0;
        var result = await ClusterRetry.RunAsync(
            () => ++attempts < 2 ? throw new StorageUnavailableException("another writer", TimeSpan.FromMilliseconds(100)) { ActivationMoved = true } : Task.FromResult(attempts),
            CancellationToken.None);
        Assert.Equal(2, result);

        var outages = 0;
        await Assert.ThrowsAsync<StorageUnavailableException>(() => ClusterRetry.RunAsync(() =>
        {
            outages++;
            throw new StorageUnavailableException("journal storage unavailable");
        }, CancellationToken.None));
        Assert.Equal(1, outages);
    }

    [Fact]
    public async Task A_timed_out_call_is_repeated_once_and_other_errors_never()
    {
        var timeouts = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => ClusterRetry.RunAsync<int>(() =>
        {
            timeouts++;
            throw new TimeoutException("hung silo");
        }, CancellationToken.None));
        Assert.Equal(ClusterRetry.MaxTimeoutAttempts, timeouts);

        var others = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterRetry.RunAsync(() =>
        {
            others++;
            throw new InvalidOperationException("a real answer");
        }, CancellationToken.None));
        Assert.Equal(1, others);
    }

    [Fact]
    public async Task A_patient_call_is_repeated_until_its_patience_is_spent_with_waits_growing_to_a_second()
    {
        var clock = new SteppingClock();
        var attempts = 0;
        await ClusterRetry.RunPatientlyAsync(() => ++attempts < 12 ? throw new SiloUnavailableException("stale directory entry") : Task.CompletedTask,
            TimeSpan.FromSeconds(30), clock, CancellationToken.None);
        Assert.Equal(12, attempts);
        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000, 1000], clock.Waits.Select(w => (int)w.TotalMilliseconds));

        clock = new SteppingClock();
        attempts = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => ClusterRetry.RunPatientlyAsync(() =>
        {
            attempts++;
            throw new SiloUnavailableException("still gone");
        }, TimeSpan.FromSeconds(5), clock, CancellationToken.None));
        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(5), $"waited {clock.Elapsed}");
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(4), $"gave up after {clock.Elapsed}");
        Assert.Equal(clock.Waits.Count + 1, attempts);
    }

    [Fact]
    public async Task A_patient_call_repeats_a_timeout_once_and_never_a_real_answer()
    {
        var clock = new SteppingClock();
        var timeouts = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => ClusterRetry.RunPatientlyAsync(() =>
        {
            timeouts++;
            throw new TimeoutException("hung silo");
        }, TimeSpan.FromSeconds(30), clock, CancellationToken.None));
        Assert.Equal(ClusterRetry.MaxTimeoutAttempts, timeouts);

        var others = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterRetry.RunPatientlyAsync(() =>
        {
            others++;
            throw new InvalidOperationException("a real answer");
        }, TimeSpan.FromSeconds(30), clock, CancellationToken.None));
        Assert.Equal(1, others);
    }

    /// <summary>A clock whose timers fire at once, moving its time by their due time (and recording it).</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public List<TimeSpan> Waits { get; } = [];

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Waits) Waits.Add(dueTime);
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
