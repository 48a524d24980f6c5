using Personalization.Grains.Journal;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>The row layout (<c>Personalization:Journal:Layout = Rows</c>) through the grains on Azurite: compaction lags one snapshot.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class RowLayoutClusterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private PersonalizationCluster _cluster = null!;

    private string JournalTable => _cluster.Settings.Configuration["Personalization:Journal:TableName"]!;

    public async Task InitializeAsync()
    {
        var settings = new TestClusterSettings().UseAzureStorage(azurite.ConnectionString);
        settings.Configuration["Personalization:Snapshots:EveryEvents"] = "100";
        settings.Configuration["Personalization:Journal:Layout"] = JournalOptions.RowsLayout;
        _cluster = PersonalizationCluster.Create(settings);
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_snapshot_compacts_the_journal_rows_the_previous_snapshot_covered()
    {
        var user = PersonalizationCluster.UniqueUser("compact");
        var script = _cluster.Listener(user);
        for (var i = 0; i < 60; i++) script.Complete($"cp-{i}", "cp-a");
        await script.SendAsync();
        for (var i = 60; i < 130; i++) script.Complete($"cp-{i}", "cp-a");
        await script.SendAsync(); // snapshot at 130 (≥ 100 since the last); nothing behind an earlier snapshot yet
        for (var i = 130; i < 230; i++) script.Complete($"cp-{i}", "cp-a");
        await script.SendAsync(); // snapshot at 230: rows 1..130 go, rows 131..230 stay as the fence

        await _cluster.DeactivateUserAsync(user); // nothing new since 230: no write; waits for the compaction
        var rowsAfterDeactivation = await StoredJournal.CountEntriesAsync(azurite.ConnectionString, JournalTable, user, JournalOptions.RowsLayout);
        var profile = await _cluster.User(user).GetProfileAsync();

        Assert.Equal(100, rowsAfterDeactivation);
        Assert.Equal(230, profile.Sequence);
    }
}
