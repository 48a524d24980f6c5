using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Personalization.Testing.Processes;

/// <summary>
/// The real silo host (<c>Silo/</c>; the assembly given, else <see cref="KitLocations.SiloAssembly"/>) as a separate OS process on 127.0.0.1, configured through environment variables
/// exactly as an operator would (<c>Section__Key</c>). Started with setsid, so signals such as SIGSTOP reach only the
/// silo and it does not die with the caller's shell; stopped only by its PID. Fault tests send signals with
/// <see cref="Signal"/>; <see cref="Dispose"/> kills it at once, or with <c>gracefulStop</c> sends SIGTERM first and
/// waits for the silo's own shutdown.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly bool _gracefulStop;

    private SiloProcess(Process process, SiloPorts ports, string log, bool gracefulStop)
    {
        _process = process;
        Ports = ports;
        LogPath = log;
        _gracefulStop = gracefulStop;
    }

    public int Pid => _process.Id;
    public SiloPorts Ports { get; }
    public int SiloPort => Ports.Silo;
    public int GatewayPort => Ports.Gateway;
    public int HttpPort => Ports.Http;
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>The process's exit code, once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the silo with <paramref name="configuration"/> as environment variables, on <paramref name="ports"/> (free
    /// ones when null), with the demo seeding off and warnings-only logging (both overridable by the configuration).
    /// <paramref name="siloAssembly"/>: the silo's Personalization.Silo.dll (default <see cref="KitLocations.SiloAssembly"/>).
    /// </summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> configuration, SiloPorts? ports = null, bool gracefulStop = false, string? siloAssembly = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ports ??= SiloPorts.Free();
        var log = Path.Combine(Path.GetTempPath(), $"pzn-silo-{ports.Silo}.log");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"exec setsid dotnet \"{siloAssembly ?? KitLocations.SiloAssembly}\" > \"{log}\" 2>&1" },
            UseShellExecute = false,
        };
        start.Environment["Personalization__Demo__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in configuration) start.Environment[key] = value;
        start.Environment["Personalization__Silo__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Personalization__Silo__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture);
        start.Environment["Urls"] = $"http://127.0.0.1:{ports.Http}";
        return new SiloProcess(Process.Start(start)!, ports, log, gracefulStop);
    }

    /// <summary>Waits (bounded) until the silo's HTTP host answers /health/live, i.e. the silo has started.</summary>
    public Task WaitUntilLiveAsync(TimeSpan timeout) => WaitForHealthAsync("live", timeout);

    /// <summary>Waits (bounded) until the silo answers /health/ready with success (started, storage reachable, model restored).</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitForHealthAsync("ready", timeout);

    private async Task WaitForHealthAsync(string probe, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            ThrowIfExited();
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health/{probe}"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening or not answering yet
            }

            await Task.Delay(200); // polling a process that is still starting: nothing to await instead
        }

        throw new TimeoutException($"Silo not {probe} after {timeout}:\n{Log()}");
    }

    /// <summary>The silo's /metrics text (Prometheus exposition).</summary>
    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{HttpPort}/metrics"));
    }

    /// <summary>Waits (bounded) until the silo's client gateway accepts connections.</summary>
    public async Task WaitForGatewayAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            ThrowIfExited();
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

    /// <summary>Sends a signal (KILL, TERM, STOP, CONT, ...) to this silo's PID only.</summary>
    public void Signal(string signal)
    {
        if (_process.HasExited) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The last 40 lines of the silo's output.</summary>
    public string Log() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(40)) : "(no log)";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal("CONT"); // a stopped process handles no other signal
            if (_gracefulStop)
            {
                Signal("TERM");
                _process.WaitForExit(GracefulStopTimeout);
            }

            Signal("KILL");
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited) throw new InvalidOperationException($"Silo exited during start-up:\n{Log()}");
    }
}
