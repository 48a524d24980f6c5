using System.Net;
using Microsoft.Extensions.Options;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Security;

/// <summary>
/// Auth settings are validated at start: no key outside Development stops the host; the public development key is
/// used only in Development or when opted in, and the token command's tokens work there.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class AuthConfigurationTests(PersonalizationCluster cluster)
{
    private static string? Development(string name) => name == "ASPNETCORE_ENVIRONMENT" ? "Development" : null;

    [Theory]
    [InlineData(null, false, false, "SigningKey is required")]
    [InlineData("too-short", true, false, "at least 32 bytes")]
    [InlineData(DevelopmentKey.Value, false, false, "public development key")]
    public void Unsafe_settings_are_rejected(string? key, bool development, bool optIn, string message)
    {
        var errors = new AuthOptions { SigningKey = key, UseDevelopmentKey = optIn }.Validate(development);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, true, false, true)]
    [InlineData(null, false, true, true)]
    [InlineData("a-real-secret-of-at-least-32-bytes!!", false, false, false)]
    public void The_development_key_is_used_only_in_development_or_when_opted_in(string? key, bool development, bool optIn, bool usesDevelopmentKey)
    {
        var options = new AuthOptions { SigningKey = key, UseDevelopmentKey = optIn };
        Assert.Empty(options.Validate(development));
        Assert.Equal(usesDevelopmentKey, options.UsesDevelopmentKey(development));
    }

    [Fact]
    public async Task A_production_host_without_a_signing_key_does_not_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            PersonalizationApiHost.StartAsync(cluster, new Dictionary<string, string?> { ["Personalization:Auth:SigningKey"] = "" }));
        Assert.Contains("Personalization:Auth:SigningKey", error.Message);
    }

    [Fact]
    public async Task A_token_from_the_token_command_works_against_a_development_key_host_only()
    {
        var user = PersonalizationCluster.UniqueUser("cmd");
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = DevTokenCommand.Run(["token", "--sub", user, "--scope", "recs:read", "--lifetime", "00:10:00"], output, errors, Development);
        var token = output.ToString().Trim();
        await using var development = await PersonalizationApiHost.StartAsync(cluster, new Dictionary<string, string?>
        {
            ["Personalization:Auth:SigningKey"] = "",
            ["Personalization:Auth:UseDevelopmentKey"] = "true",
            ["Personalization:Auth:Issuer"] = "personalization",
        });
        await using var production = await PersonalizationApiHost.StartAsync(cluster);

        Assert.Equal(0, exit);
        Assert.Contains("DEVELOPMENT", errors.ToString());
        Assert.Equal(HttpStatusCode.OK, (await development.ClientWith(token).GetAsync($"/v1/users/{user}/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await production.ClientWith(token).GetAsync($"/v1/users/{user}/profile")).StatusCode);
    }

    [Fact]
    public void The_token_command_explains_its_usage()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(2, DevTokenCommand.Run(["token", "--scope", "recs:read"], output, errors, Development));
        Assert.Contains("usage: token --sub", errors.ToString());
        Assert.Equal("", output.ToString());
    }
}
