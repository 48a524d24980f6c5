using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>The journal contract on the segment journal and its partition writers over the Azure table (Azurite).</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SegmentJournalContractTests(AzuriteFixture azurite)
    : SegmentJournalContract(new TestClusterSettings().UseAzureStorage(azurite.ConnectionString));
