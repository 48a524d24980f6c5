using Xunit;

namespace Personalization.Testing;

/// <summary>
/// <see cref="PersonalizationTestCluster"/> as an xunit v2 fixture: xunit deploys it before the first test of the
/// collection or class (<c>ICollectionFixture&lt;PersonalizationCluster&gt;</c>, <c>IClassFixture</c>) and stops it after
/// the last. Derive with <see cref="PersonalizationCluster(TestClusterSettings)"/> to change silos or configuration.
/// </summary>
public class PersonalizationCluster : PersonalizationTestCluster, IAsyncLifetime
{
    public PersonalizationCluster()
    {
    }

    /// <summary>For derived fixtures that change the silo count or configuration.</summary>
    protected PersonalizationCluster(TestClusterSettings settings)
        : base(settings)
    {
    }

    /// <summary>A cluster with the given settings (e.g. <c>new TestClusterSettings().UseAzureStorage(azurite)</c>); call <see cref="PersonalizationTestCluster.InitializeAsync"/>.</summary>
    public static PersonalizationCluster Create(TestClusterSettings settings) => new(settings);
}
