using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Perf;

/// <summary>
/// Debian's <c>redis-server</c> on a free 127.0.0.1 port, without persistence (<c>--save "" --appendonly no</c>), stopped
/// by its PID. <see cref="TryStart"/> returns null when redis-server is not installed (the peer scenario is then skipped).
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }
    public int Pid => _process.Id;
    public string Endpoint => $"127.0.0.1:{Port}";

    public static string? FindExecutable() => Candidates.FirstOrDefault(File.Exists);

    public static async Task<RedisServerProcess?> TryStartAsync()
    {
        var executable = FindExecutable();
        if (executable is null) return null;
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServerProcess(process, port);
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited during start-up (exit {_process.ExitCode}).");
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Endpoint }, ConnectTimeout = 500, AbortOnConnectFail = true });
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(100); // not listening yet
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(); // this process only (SIGKILL to its PID)
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
