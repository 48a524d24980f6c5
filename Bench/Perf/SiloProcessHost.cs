using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Personalization.Bench.Perf;

/// <summary>
/// The real silo host (<c>Silo/</c>, built in the same configuration) as a separate process on 127.0.0.1, configured
/// through environment variables as an operator would: memory storage, demo seeding off, diagnostics seeding on.
/// Stopped by its PID (SIGTERM, then SIGKILL), also when the benchmark fails.
/// </summary>
public sealed class SiloProcessHost : IDisposable
{
    private readonly Process _process;

    private SiloProcessHost(Process process, int gatewayPort, int httpPort, string clusterId, string log)
    {
        _process = process;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        ClusterId = clusterId;
        LogPath = log;
    }

    public int Pid => _process.Id;
    public int GatewayPort { get; }

    /// <summary>The co-hosted HTTP API's port (its <c>/metrics</c> tell how long the grains themselves took).</summary>
    public int HttpPort { get; }
    public string ClusterId { get; }
    public string LogPath { get; }

    public static async Task<SiloProcessHost> StartAsync(TimeSpan timeout)
    {
        var siloPort = LoopbackPorts.Free();
        var gatewayPort = LoopbackPorts.Free();
        var httpPort = LoopbackPorts.Free();
        var clusterId = $"perf-{siloPort}";
        var log = Path.Combine(Path.GetTempPath(), $"pzn-perf-silo-{siloPort}.log");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"exec setsid dotnet \"{RepositoryPaths.SiloAssembly}\" > \"{log}\" 2>&1" },
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["Personalization__Silo__ClusterId"] = clusterId,
            ["Personalization__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Personalization__Silo__PrimarySiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Personalization__Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Personalization__Silo__Storage"] = "Memory",
            ["Personalization__Demo__Enabled"] = "false",
            ["Personalization__Diagnostics__AllowSeeding"] = "true",
            ["Personalization__Auth__UseDevelopmentKey"] = "true", // the co-hosted HTTP API is not used by the benchmark
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var host = new SiloProcessHost(Process.Start(start)!, gatewayPort, httpPort, clusterId, log);
        try
        {
            await host.WaitForGatewayAsync(timeout);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public string Log() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(40)) : "(no log)";

    private async Task WaitForGatewayAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited during start-up:\n{Log()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", GatewayPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100); // polling a port that is not open yet: nothing to await instead
            }
        }

        throw new TimeoutException($"The silo's gateway did not open within {timeout}:\n{Log()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
            if (!_process.WaitForExit(15_000))
            {
                Signal("KILL");
                _process.WaitForExit(10_000);
            }
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
