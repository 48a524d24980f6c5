using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Security;

/// <summary>
/// The silo image's appsettings enable the demo world for <c>dotnet run</c>; a silo outside the Development environment
/// never seeds synthetic listeners, even with the demo enabled (finding 6).
/// </summary>
[Trait("Category", "Security")]
public sealed class DemoSeedingTests
{
    private const string SigningKey = PersonalizationApiHost.SigningKey;

    [Fact]
    public async Task A_production_silo_with_the_demo_enabled_seeds_nothing()
    {
        var ports = SiloPorts.Free();
        using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Personalization__Silo__PrimarySiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
            ["Personalization__Demo__Enabled"] = "true",
            ["Personalization__Demo__Listeners"] = "5",
            ["Personalization__Auth__SigningKey"] = SigningKey,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        }, ports, gracefulStop: true);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        await WaitForLogAsync(silo, "Demo seeding is enabled but stays off: the environment is Production", TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };
        var admin = new TokenIssuer(new AuthOptions().Issuer, new AuthOptions().Audience, Encoding.UTF8.GetBytes(SigningKey)).Admin();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var profile = await http.GetFromJsonAsync<JsonElement>("/v1/users/u0001/profile");

        Assert.Equal(0, profile.GetProperty("counters").GetProperty("events").GetInt64());
    }

    private static async Task WaitForLogAsync(SiloProcess silo, string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!File.Exists(silo.LogPath) || !(await File.ReadAllTextAsync(silo.LogPath, deadline.Token)).Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(100, deadline.Token); // polling another process's log file, bounded by the deadline
        }
    }
}
