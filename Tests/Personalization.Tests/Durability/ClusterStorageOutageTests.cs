using System.Diagnostics;
using Personalization.Abstractions;
using Personalization.Testing;
using Xunit.Abstractions;

namespace Personalization.Tests.Durability;

/// <summary>
/// Storage goes away under a running cluster (a relay in front of Azurite is stopped): event calls fail fast with the
/// typed transient error, nothing acknowledged is lost, and the cluster recovers by itself when storage returns.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class ClusterStorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Events_fail_fast_while_storage_is_down_and_nothing_acknowledged_is_lost()
    {
        await using var outage = await RelayedAzureCluster.StartAsync(azurite.ConnectionString, TimeSpan.FromSeconds(2));
        var (relay, cluster) = (outage.Relay, outage.Cluster);

        var user = PersonalizationCluster.UniqueUser("outage");
        ListenEvent Event(int i) => new($"out-{i}", $"out-t{i}", "out-a", EventKind.Complete, cluster.Clock.Now.AddMinutes(i - 20), 1000, 1000);
        var acknowledged = 0;
        for (var i = 0; i < 3; i++) acknowledged += (await cluster.User(user).RecordAsync(Event(i))).Applied;

        relay.Stop();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => cluster.User(user).RecordAsync(Event(3)));
        var failedAfter = clock.Elapsed;

        relay.Start();
        var retried = await cluster.User(user).RecordAsync(Event(3)); // the caller retries the refused event
        acknowledged += retried.Applied + retried.Duplicates;
        var profile = await cluster.User(user).GetProfileAsync();

        output.WriteLine($"storage down: the event call failed after {failedAfter.TotalMilliseconds:0} ms ({error.Message}); after recovery {profile.Counters.Events} events");
        Assert.InRange(failedAfter, TimeSpan.Zero, TimeSpan.FromSeconds(8));
        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.Equal(4, acknowledged);
        Assert.Equal(4, profile.Counters.Events); // nothing acknowledged lost, the retried event counted once
        Assert.Equal(4, profile.Sequence);
    }
}
