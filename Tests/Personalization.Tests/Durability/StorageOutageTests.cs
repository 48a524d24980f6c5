using System.Diagnostics;
using Personalization.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Xunit.Abstractions;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Durability;

/// <summary>
/// Storage down or hung under the journal's storage (<see cref="SegmentTable"/>): a segment insert fails fast, within a
/// bounded time, with the typed transient exception (which HTTP maps to 503 + Retry-After), and inserts succeed again
/// as soon as storage is back. Outages are simulated with a TCP relay in front of Azurite.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Partition = 3;
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = CommitTimeout + TimeSpan.FromSeconds(3);

    [Fact]
    public async Task With_nothing_listening_an_insert_fails_fast_with_StorageUnavailable()
    {
        var deadPort = LoopbackPorts.Free();
        await using var scope = new SegmentTableScope(azurite.ConnectionString, "Outage", Configure, journalConnectionString: AzuriteConnection.ForPort(deadPort));

        var (error, elapsed) = await FailedInsertAsync(scope, 1, "nobody-home");

        output.WriteLine($"connection refused: failed after {elapsed.TotalMilliseconds:0} ms: {error.Message}");
        Assert.InRange(elapsed, TimeSpan.Zero, Bound);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task Inserts_and_reads_fail_while_storage_is_down_and_inserts_succeed_again_once_it_is_back()
    {
        var (host, port) = AzuriteConnection.TableEndpointOf(azurite.ConnectionString);
        using var relay = new TcpRelay(host, port);
        relay.Start();
        await using var scope = new SegmentTableScope(azurite.ConnectionString, "Outage", Configure, journalConnectionString: AzuriteConnection.ForPort(relay.Port));
        var user = "outage-" + Guid.NewGuid().ToString("N");
        await scope.Segments.InsertAsync(Partition, 1, Parts(user, 1));

        relay.Stop();
        var (down, downElapsed) = await FailedInsertAsync(scope, 2, user);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => scope.Segments.ReadAsync(Partition, 1));

        relay.Start();
        await scope.Segments.InsertAsync(Partition, 2, Parts(user, 2)); // the writer's retry: the same number
        await scope.Segments.InsertAsync(Partition, 3, Parts(user, 3));
        var stored = new List<StoredSegment>();
        await foreach (var segment in scope.Segments.ScanAsync(Partition)) stored.Add(segment);

        output.WriteLine($"storage down: failed after {downElapsed.TotalMilliseconds:0} ms ({down.Message}); back: inserts succeed");
        Assert.InRange(downElapsed, TimeSpan.Zero, Bound);
        Assert.Equal([1L, 2, 3], stored.Select(s => s.Number));
        Assert.Equal([1L, 2, 3], stored.SelectMany(s => s.Entries).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_hung_storage_fails_inserts_within_the_commit_timeout()
    {
        var (host, port) = AzuriteConnection.TableEndpointOf(azurite.ConnectionString);
        using var relay = new TcpRelay(host, port);
        relay.Start();
        await using var scope = new SegmentTableScope(azurite.ConnectionString, "Outage", Configure, journalConnectionString: AzuriteConnection.ForPort(relay.Port));
        var user = "hung-" + Guid.NewGuid().ToString("N");
        await scope.Segments.InsertAsync(Partition, 1, Parts(user, 1));

        relay.Stop();
        relay.Blackhole = true; // accepts connections, never answers
        relay.Start();
        var (error, elapsed) = await FailedInsertAsync(scope, 2, user);

        output.WriteLine($"storage hung: failed after {elapsed.TotalMilliseconds:0} ms: {error.Message}");
        Assert.InRange(elapsed, CommitTimeout - TimeSpan.FromMilliseconds(200), Bound);
    }

    private static void Configure(JournalOptions options)
    {
        options.CommitTimeout = CommitTimeout;
        options.MaxRetries = 1;
        options.RetryAfter = TimeSpan.FromSeconds(3);
    }

    private static IReadOnlyList<string> Parts(string user, long sequence) =>
        SegmentFormat.Encode([new SegmentEntry(user, sequence, JournalEventCodec.Encode(JournalSamples.Event(user, sequence)))]);

    private static async Task<(StorageUnavailableException Error, TimeSpan Elapsed)> FailedInsertAsync(SegmentTableScope scope, long segment, string user)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => scope.Segments.InsertAsync(Partition, segment, Parts(user, segment)));
        return (error, watch.Elapsed);
    }
}
