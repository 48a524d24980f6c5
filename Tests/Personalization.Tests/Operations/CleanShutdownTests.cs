using System.Globalization;
using Personalization.Abstractions;
using Personalization.Bench.Perf;
using Personalization.Grains.Hosting;
using Personalization.Testing.Processes;
using Personalization.Tests.Support;

namespace Personalization.Tests.Operations;

/// <summary>
/// The embedded default (one silo, memory storage, the demo world, Development) stops cleanly on SIGTERM (what Ctrl+C
/// and Kubernetes send): no error and none of the project's own warnings are logged while it stops, and it exits with
/// 0. Before: listeners' last snapshots went to Orleans' grain-based memory storage, which the stopping silo could no
/// longer place, and the model's hand-over called shards no silo could host (about 100 lines of stack traces).
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "Processes")]
public sealed class CleanShutdownTests
{
    [Fact]
    public async Task The_embedded_default_stops_on_SIGTERM_without_an_error_and_exits_with_0()
    {
        var ports = SiloPorts.Free();
        using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Personalization__Silo__PrimarySiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture), // a cluster of its own
            ["Personalization__Demo__Enabled"] = "true",
            ["Personalization__Demo__Listeners"] = "20",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        }, ports, gracefulStop: true);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        await using (var client = await PerfClient.ConnectAsync(silo.GatewayPort, new SiloSettings().ClusterId))
        {
            // Listeners with changes not yet snapshotted, and observations the model has not taken yet, as the silo stops.
            for (var i = 0; i < 20; i++)
            {
                await client.Grains.GetGrain<IUserGrain>($"stop-{i}").RecordAsync(new ListenEvent(
                    $"e{i}", $"t{i % 5:D4}", "a000", EventKind.Complete, DateTimeOffset.UtcNow, 200_000, 200_000));
            }
        }

        var logBefore = new FileInfo(silo.LogPath).Length;
        silo.Signal("TERM");
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await silo.WaitForExitAsync(exit.Token);

        var stopping = SharedLogFile.Read(silo.LogPath, logBefore);
        var lines = stopping.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("warn: Personalization.", StringComparison.Ordinal));
        Assert.True(silo.ExitCode == 0, $"exit code {silo.ExitCode}:\n{stopping}");
    }
}
