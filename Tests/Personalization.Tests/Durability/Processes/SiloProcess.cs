using System.Diagnostics;
using System.Globalization;

namespace Personalization.Tests.Durability.Processes;

/// <summary>
/// One silo as a separate OS process (started with setsid, so stopping it with SIGSTOP does not depend on the test
/// runner's shell), configured through environment variables exactly as an operator would. Stopped only by its PID.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort, string log)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        LogPath = log;
    }

    public int Pid => _process.Id;
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public int HttpPort { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(IReadOnlyDictionary<string, string> configuration)
    {
        var siloPort = AzuriteFixture.FreePort();
        var gatewayPort = AzuriteFixture.FreePort();
        var httpPort = AzuriteFixture.FreePort();
        var log = Path.Combine(Path.GetTempPath(), $"pzn-silo-{siloPort}.log");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"exec setsid dotnet \"{RepositoryLayout.SiloAssembly}\" > \"{log}\" 2>&1" },
            UseShellExecute = false,
        };
        foreach (var (key, value) in configuration) start.Environment[key] = value;
        start.Environment["Personalization__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Personalization__Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Personalization__Demo__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return new SiloProcess(Process.Start(start)!, siloPort, gatewayPort, httpPort, log);
    }

    /// <summary>Waits (bounded) until the silo's HTTP host answers /health/live, i.e. the silo has started.</summary>
    public async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Silo exited during start-up:\n{Log()}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health/live"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Silo not live after {timeout}:\n{Log()}");
    }

    public void Signal(string signal)
    {
        if (_process.HasExited) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {Pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public string Log() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(40)) : "(no log)";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal("CONT");
            Signal("KILL");
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

}
