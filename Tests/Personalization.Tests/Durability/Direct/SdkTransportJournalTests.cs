using Personalization.Grains.Journal;

namespace Personalization.Tests.Durability.Direct;

/// <summary>The journal contract with appends through the Azure SDK (<c>Transport = Sdk</c>), the path kept for ServiceUri + DefaultAzureCredential.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SdkTransportJournalTests(AzuriteFixture azurite) : EventJournalContract, IAsyncLifetime
{
    private AzureJournalScope _scope = null!;

    protected override IEventJournal Journal => _scope.Journal;

    public Task InitializeAsync()
    {
        _scope = new AzureJournalScope(azurite.ConnectionString, "SdkContract", o => o.Transport = JournalOptions.SdkTransport);
        Assert.Equal(JournalOptions.SdkTransport, _scope.Journal.Transport);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _scope.DisposeAsync().AsTask();
}
