using System.Globalization;
using System.Net;
using Personalization.Testing.Processes;

namespace OutsideTests;

/// <summary>
/// The kit's process helper starts the real silo host found by configuration (PERSONALIZATION_SILO_ASSEMBLY, e.g. a
/// published silo), not through a checkout: it must be configured, never skipped.
/// </summary>
[Trait("Category", "Outside")]
public sealed class SiloProcessTests
{
    [Fact]
    public async Task The_configured_silo_starts_as_a_process_answers_health_and_stops_on_sigterm()
    {
        var ports = SiloPorts.Free();
        var configuration = new Dictionary<string, string>
        {
            ["Personalization__Silo__PrimarySiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture), // its own primary
            ["Personalization__Auth__UseDevelopmentKey"] = "true", // the co-hosted HTTP API is only asked for its health
        };
        using var silo = SiloProcess.Start(configuration, ports, gracefulStop: true);
        await silo.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();

        using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/health/live"), TestContext.Current.CancellationToken);
        silo.Signal("TERM");
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stopped.CancelAfter(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(stopped.Token);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(silo.HasExited);
    }
}
