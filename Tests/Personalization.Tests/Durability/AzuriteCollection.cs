namespace Personalization.Tests.Durability;

/// <summary>Tests that need a real Azure Table endpoint (Azurite) share one <see cref="AzuriteFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
