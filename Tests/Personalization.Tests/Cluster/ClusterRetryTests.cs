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
}
