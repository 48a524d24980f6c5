using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Personalization.Abstractions;
using Personalization.Testing;
using Personalization.Tests.Durability;

namespace Personalization.Tests.Security;

/// <summary>Export and delete over HTTP, checked against Azure Table Storage (Azurite): the snapshot row and journal rows.</summary>
[Trait("Category", "Security")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class AzurePrivacyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private PersonalizationCluster _cluster = null!;
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync()
    {
        var settings = new TestClusterSettings().UseAzureStorage(azurite.ConnectionString);
        settings.Configuration["Personalization:Snapshots:EveryEvents"] = "3";
        _cluster = PersonalizationCluster.Create(settings);
        await _cluster.InitializeAsync();
        _api = await PersonalizationApiHost.StartAsync(_cluster);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Export_returns_what_storage_holds_and_delete_removes_it_from_storage()
    {
        var user = PersonalizationCluster.UniqueUser("azprivacy");
        var events = new { events = Enumerable.Range(0, 5).Select(i => ApiRequests.Event(_cluster, $"az{i}", $"az-t{i}", minutesAgo: 10 - i)).ToArray() };
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", events)).StatusCode);
        await _cluster.DeactivateUserAsync(user); // the export below is rebuilt from Azure storage alone
        var rowsBefore = await RowsOfAsync(user);

        var export = await _api.ClientFor(user).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export");
        var delete = await _api.ClientWith(_api.Tokens.Admin()).DeleteAsync($"/v1/users/{user}");
        await _cluster.DeactivateUserAsync(user);
        var rowsAfter = await RowsOfAsync(user);

        Assert.Equal(5, export!.Counters.Events);
        Assert.Equal(["az-t0", "az-t1", "az-t2", "az-t3", "az-t4"], export.History.Select(h => h.TrackId));
        Assert.True(rowsBefore > 0, "the user's snapshot or journal rows are in storage before the delete");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, rowsAfter);
    }

    /// <summary>Rows mentioning the user in the cluster's snapshot and journal tables.</summary>
    private async Task<int> RowsOfAsync(string user)
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var count = 0;
        foreach (var key in new[] { "Personalization:Silo:SnapshotTable", "Personalization:Journal:TableName" })
        {
            var table = service.GetTableClient(_cluster.Settings.Configuration[key]);
            await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1000))
            {
                if (row.RowKey.Contains(user, StringComparison.Ordinal) || row.PartitionKey.Contains(user, StringComparison.Ordinal)) count++;
            }
        }

        return count;
    }
}
