using Personalization.Abstractions;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The real durable path on Azurite: a 2-silo test cluster in Azure mode (snapshots in grain storage, the
/// group-committed segment journal), driven through the grains. Each test gets its own cluster and tables.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class DurableClusterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private PersonalizationCluster _cluster = null!;

    private string JournalTable => _cluster.Settings.Configuration["Personalization:Journal:TableName"]!;

    public async Task InitializeAsync()
    {
        var settings = new TestClusterSettings().UseAzureStorage(azurite.ConnectionString);
        settings.Configuration["Personalization:Snapshots:EveryEvents"] = "100";
        _cluster = PersonalizationCluster.Create(settings);
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task After_a_kill_the_user_is_rebuilt_from_the_snapshot_plus_the_journal_tail()
    {
        var user = PersonalizationCluster.UniqueUser("tail");
        await _cluster.MoveUserAsync(user, 1);
        var script = _cluster.Listener(user);
        for (var batch = 0; batch < 3; batch++)
        {
            for (var i = 0; i < 25; i++) script.Play($"tl-{batch}-{i}", $"tl-a{i % 4}").Complete($"tl-{batch}-{i}", $"tl-a{i % 4}");
            await script.SendAsync(); // 50 events per batch: a snapshot at 100, the last 50 only in the journal
        }

        var before = await _cluster.User(user).GetProfileAsync();
        await _cluster.KillSiloAsync(1);
        var after = await _cluster.User(user).GetProfileAsync();

        Assert.Equal(150, before.Sequence);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.Counters, after.Counters);
        Assert.Equal(before.TopArtists, after.TopArtists);
        Assert.Equal(before.Session.Tracks, after.Session.Tracks);
    }

    [Fact]
    public async Task Event_ids_seen_before_a_silo_restart_are_still_recognised_after_it()
    {
        var user = PersonalizationCluster.UniqueUser("idem");
        await _cluster.MoveUserAsync(user, 1);
        var events = Enumerable.Range(0, 5)
            .Select(i => new ListenEvent($"idem-{i}", $"id-t{i}", "id-a", EventKind.Complete, _cluster.Clock.Now.AddMinutes(i - 10), 1000, 1000))
            .ToArray();
        await _cluster.User(user).RecordBatchAsync(events); // journal only: below the snapshot threshold

        await _cluster.KillSiloAsync(1);
        var retry = await _cluster.User(user).RecordBatchAsync(events);
        var profile = await _cluster.User(user).GetProfileAsync();

        Assert.Equal((0, 5), (retry.Applied, retry.Duplicates));
        Assert.Equal(5, profile.Counters.Events);
    }

    [Fact]
    public async Task Forgetting_a_user_removes_its_snapshot_and_journal_from_storage()
    {
        var user = PersonalizationCluster.UniqueUser("gone");
        var script = _cluster.Listener(user);
        for (var i = 0; i < 120; i++) script.Complete($"gn-{i}", "gn-a");
        await script.SendAsync();

        await _cluster.User(user).ForgetAsync();
        var rows = await CountJournalRowsAsync(user);
        await _cluster.DeactivateUserAsync(user);
        var profile = await _cluster.User(user).GetProfileAsync();

        Assert.Equal(0, rows);
        Assert.Equal(0, profile.Sequence);
        Assert.Empty(profile.TopArtists);
    }

    private Task<int> CountJournalRowsAsync(string user) =>
        StoredJournal.CountEntriesAsync(azurite.ConnectionString, JournalTable, user);
}
