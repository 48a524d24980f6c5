using Personalization.Grains.Journal;
using Xunit.Abstractions;

namespace Personalization.Tests.Durability;

/// <summary>
/// Many users' appends share entity-group transactions: the figure that matters is storage transactions per
/// acknowledged event, read from the writer's counters.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class GroupCommitTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    public async Task Concurrent_single_event_appends_of_many_users_share_transactions(int users)
    {
        // One partition: every user's event may share a transaction with every other's.
        await using var scope = new AzureJournalScope(azurite.ConnectionString, "GroupCommit", o => o.Partitions = 1);
        await scope.Journal.AppendAsync("warm-up", JournalSamples.Entries("warm-up", 1, 1)); // creates the table
        var before = (scope.Counters.Transactions, scope.Counters.EntitiesWritten);

        var ids = Enumerable.Range(0, users).Select(i => $"listener-{i}-{Guid.NewGuid():N}").ToArray();
        var appends = ids.Select(id => scope.Journal.AppendAsync(id, JournalSamples.Entries(id, 1, 1))).ToArray();
        await Task.WhenAll(appends);

        var transactions = scope.Counters.Transactions - before.Transactions;
        var entities = scope.Counters.EntitiesWritten - before.EntitiesWritten;
        output.WriteLine($"{users} users x 1 event: {transactions} transactions, {entities} entities, {(double)transactions / users:0.###} transactions/event");
        Assert.Equal(users, entities);
        Assert.InRange(transactions, 1, (users + 99) / 100 + 2);
        foreach (var id in ids) Assert.Single(await scope.Journal.ReadAllAsync(id));
    }

    [Fact]
    public async Task Sustained_load_over_default_partitions_needs_far_fewer_transactions_than_events()
    {
        // 200 listeners, each sending 10 single-event requests one after another (as a grain does), all at once.
        await using var scope = new AzureJournalScope(azurite.ConnectionString, "GroupLoad");
        await scope.Journal.AppendAsync("warm-up", JournalSamples.Entries("warm-up", 1, 1));
        var before = scope.Counters.Transactions;
        const int Users = 200;
        const int EventsEach = 10;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Users).Select(async u =>
        {
            var id = $"steady-{u}-{Guid.NewGuid():N}";
            for (var s = 1; s <= EventsEach; s++) await scope.Journal.AppendAsync(id, JournalSamples.Entries(id, s, s));
        }));
        watch.Stop();

        var transactions = scope.Counters.Transactions - before;
        const int Events = Users * EventsEach;
        output.WriteLine(
            $"{Users} users x {EventsEach} sequential events, {scope.Options.Partitions} partitions, linger {scope.Options.Linger.TotalMilliseconds} ms: " +
            $"{transactions} transactions for {Events} events = {(double)transactions / Events:0.###} transactions/event, " +
            $"{Events / watch.Elapsed.TotalSeconds:0} acknowledged events/s");
        Assert.True(transactions * 4 <= Events, $"{transactions} transactions for {Events} events");
    }
}
