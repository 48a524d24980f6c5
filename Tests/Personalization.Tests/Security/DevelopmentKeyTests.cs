using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Security;

/// <summary>
/// The public development key is one setting away from production no more (finding 6): it is refused whenever the
/// host uses Azure Table storage or clustering or runs in a Kubernetes pod, whatever the environment or the opt-in flag
/// say, and the start-up error for a missing key does not suggest the flag.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class DevelopmentKeyTests(PersonalizationCluster cluster)
{
    public static TheoryData<string, string> Deployments => new()
    {
        { "Personalization:Silo:Storage", "AzureTable" },
        { "Personalization:Silo:Clustering", "azuretable" },
        { "Personalization:Client:Clustering", "AzureTable" },
        { DeploymentSignals.KubernetesServiceHost, "10.96.0.1" },
    };

    [Theory]
    [MemberData(nameof(Deployments))]
    public async Task A_host_that_is_a_real_deployment_refuses_the_development_key_even_when_opted_in(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => PersonalizationApiHost.StartAsync(cluster, new Dictionary<string, string?>
        {
            [$"{AuthOptions.SectionName}:{nameof(AuthOptions.SigningKey)}"] = "",
            [$"{AuthOptions.SectionName}:{nameof(AuthOptions.UseDevelopmentKey)}"] = "true",
            [key] = value,
        }));

        Assert.Contains("development key is refused", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, null)]
    [InlineData(false, true, null)]
    [InlineData(true, true, DevelopmentKey.Value)]
    public void The_development_key_is_refused_in_a_kubernetes_pod_even_in_development(bool development, bool optIn, string? key)
    {
        var configuration = new ConfigurationBuilder().Build();
        var pod = DeploymentSignals.Describe(configuration, name => name == DeploymentSignals.KubernetesServiceHost ? "10.96.0.1" : null);

        var errors = new AuthOptions { SigningKey = key, UseDevelopmentKey = optIn }.Validate(development, pod);

        Assert.NotNull(pod);
        Assert.Contains(errors, e => e.Contains("development key is refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_a_deployment_nothing_counts_as_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Personalization:Silo:Storage"] = "Memory",
            ["Personalization:Client:Clustering"] = "Static",
        }).Build();

        Assert.Null(DeploymentSignals.Describe(configuration, _ => null));
    }

    [Fact]
    public void The_missing_key_error_does_not_suggest_the_development_key_flag()
    {
        var errors = new AuthOptions().Validate(isDevelopment: false);

        var error = Assert.Single(errors);
        Assert.Contains("SigningKey is required", error, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(AuthOptions.UseDevelopmentKey), error, StringComparison.Ordinal);
    }
}
