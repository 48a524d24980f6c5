using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Text;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Security;

/// <summary>
/// The real silo process in the Production environment with the image's appsettings: it never seeds the synthetic demo
/// world although the demo is enabled (finding 6), and it does not serve the <c>/v1</c> API unless configured to, leaving
/// it to the gateways (finding 3), while health answers.
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "Processes")]
public sealed class ProductionSiloTests
{
    private const string SigningKey = PersonalizationApiHost.SigningKey;

    [Fact]
    public async Task A_production_silo_seeds_no_demo_and_serves_no_api()
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

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/users/u0001/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/console")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
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
