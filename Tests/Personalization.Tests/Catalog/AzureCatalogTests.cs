using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions.Catalog;
using Personalization.Grains.Catalog;
using Personalization.Testing;
using Personalization.Tests.Durability;

namespace Personalization.Tests.Catalog;

/// <summary>The catalogue in Azure mode (Azurite): rows survive a whole cluster restart, and a takedown keeps the entry.</summary>
[Trait("Category", "Catalog")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class AzureCatalogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_takedown_merges_the_facts_and_keeps_the_stored_entry()
    {
        var store = new AzureTableCatalogStore(new TableServiceClient(azurite.ConnectionString), "Catalog" + Guid.NewGuid().ToString("N")[..12]);
        var entry = new CatalogEntry("az-1", [new CatalogArtist("az-a", "Anna")], ["SE", "NO"], true, "First", 180_000, new DateOnly(2026, 11, 1), ["pop"]);

        await store.WriteAsync(3, [new StoredTrack(CatalogFacts.Of(entry), entry)]);
        await store.WriteAsync(3, [new StoredTrack(CatalogFacts.Of(entry) with { Deleted = true }, null)]);
        var row = Assert.Single(await store.ReadAsync(3));

        Assert.True(row.Facts.Deleted);
        Assert.Equal("NO,SE", row.Facts.Markets);
        Assert.Equal(entry with { Artists = row.Entry!.Artists, Markets = row.Entry.Markets, Genres = row.Entry.Genres }, row.Entry);
        Assert.Equal(["SE", "NO"], row.Entry.Markets);
        Assert.Empty(await store.ReadAsync(4));
    }

    [Fact]
    public async Task The_catalogue_and_its_takedowns_survive_a_restart_of_the_whole_cluster()
    {
        var settings = new TestClusterSettings { Silos = 1 }.UseAzureStorage(azurite.ConnectionString);
        settings.Configuration["Personalization:Catalog:Table"] = "Catalog" + Guid.NewGuid().ToString("N")[..12];
        var first = PersonalizationCluster.Create(settings);
        await first.InitializeAsync();
        try
        {
            await first.Catalog.UpsertAsync(ClusterCatalog.Track("keep-1", "az-a", ["SE"]), ClusterCatalog.Track("gone-1", "az-a"));
            await first.Catalog.TakeDownAsync("gone-1");
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = PersonalizationCluster.Create(settings);
        await second.InitializeAsync();
        try
        {
            await second.Catalog.SyncAsync();
            var index = second.SiloServices().Single().GetRequiredService<CatalogCache>().Index;

            Assert.True(index.Allows("keep-1", "SE", true));
            Assert.False(index.Allows("keep-1", "NO", true));
            Assert.True(index.Knows("gone-1"));
            Assert.False(index.Allows("gone-1", null, true));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
