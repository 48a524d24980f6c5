using System.Diagnostics;
using Personalization.Abstractions;
using Xunit.Abstractions;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Durability;

/// <summary>
/// Storage down or hung: appends fail fast, within a bounded time, with the typed transient exception (which HTTP
/// maps to 503 + Retry-After), and succeed again as soon as storage is back. Outages are simulated with a TCP relay
/// in front of Azurite.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = CommitTimeout + TimeSpan.FromSeconds(3);

    [Fact]
    public async Task With_nothing_listening_an_append_fails_fast_with_StorageUnavailable()
    {
        var deadPort = LoopbackPorts.Free();
        await using var scope = new AzureJournalScope(
            azurite.ConnectionString, "Outage", Configure, journalConnectionString: AzuriteConnection.ForPort(deadPort));

        var (error, elapsed) = await FailedAppendAsync(scope, "nobody-home");

        output.WriteLine($"connection refused: failed after {elapsed.TotalMilliseconds:0} ms: {error.Message}");
        Assert.InRange(elapsed, TimeSpan.Zero, Bound);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Equal(1, scope.Counters.AppendsFailed);
    }

    [Fact]
    public async Task Appends_fail_while_storage_is_down_and_succeed_again_once_it_is_back()
    {
        var (host, port) = AzuriteConnection.TableEndpointOf(azurite.ConnectionString);
        using var relay = new TcpRelay(host, port);
        relay.Start();
        await using var scope = new AzureJournalScope(
            azurite.ConnectionString, "Outage", Configure, journalConnectionString: AzuriteConnection.ForPort(relay.Port));
        var user = "outage-" + Guid.NewGuid().ToString("N");
        var entries = JournalSamples.Entries(user, 1, 3);
        await scope.Journal.AppendAsync(user, entries[..1]);

        relay.Stop();
        var (down, downElapsed) = await FailedAppendAsync(scope, user, entries[1..2]);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => scope.Journal.ReadAllAsync(user));

        relay.Start();
        await scope.Journal.AppendAsync(user, entries[1..2]); // the caller's retry: same sequence
        await scope.Journal.AppendAsync(user, entries[2..]);

        output.WriteLine($"storage down: failed after {downElapsed.TotalMilliseconds:0} ms ({down.Message}); back: appends succeed");
        Assert.InRange(downElapsed, TimeSpan.Zero, Bound);
        Assert.Equal(entries, await scope.Journal.ReadAllAsync(user));
    }

    [Fact]
    public async Task A_hung_storage_fails_appends_within_the_commit_timeout()
    {
        var (host, port) = AzuriteConnection.TableEndpointOf(azurite.ConnectionString);
        using var relay = new TcpRelay(host, port);
        relay.Start();
        await using var scope = new AzureJournalScope(
            azurite.ConnectionString, "Outage", Configure, journalConnectionString: AzuriteConnection.ForPort(relay.Port));
        var user = "hung-" + Guid.NewGuid().ToString("N");
        await scope.Journal.AppendAsync(user, JournalSamples.Entries(user, 1, 1));

        relay.Stop();
        relay.Blackhole = true; // accepts connections, never answers
        relay.Start();
        var (error, elapsed) = await FailedAppendAsync(scope, user, JournalSamples.Entries(user, 2, 2));

        output.WriteLine($"storage hung: failed after {elapsed.TotalMilliseconds:0} ms: {error.Message}");
        Assert.InRange(elapsed, CommitTimeout - TimeSpan.FromMilliseconds(200), Bound);
    }

    private static void Configure(Grains.Journal.JournalOptions options)
    {
        options.CommitTimeout = CommitTimeout;
        options.MaxRetries = 1;
        options.RetryAfter = TimeSpan.FromSeconds(3);
    }

    private static async Task<(StorageUnavailableException Error, TimeSpan Elapsed)> FailedAppendAsync(
        AzureJournalScope scope, string user, Grains.Journal.JournalEntry[]? entries = null)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => scope.Journal.AppendAsync(user, entries ?? JournalSamples.Entries(user, 1, 1)));
        return (error, watch.Elapsed);
    }
}
