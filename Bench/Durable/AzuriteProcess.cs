using System.Diagnostics;
using System.Globalization;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Durable;

/// <summary>Starts the repository's pinned Azurite (tools/azurite/start.sh) on a free loopback port and stops it by PID.</summary>
public sealed class AzuriteProcess : IDisposable
{
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string _tools;

    private AzuriteProcess(string tools, int pid, int port)
    {
        _tools = tools;
        Pid = pid;
        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");
    }

    public int Pid { get; }

    public string ConnectionString { get; }

    public static AzuriteProcess Start()
    {
        var tools = Path.Combine(RepositoryLayout.Root, "tools", "azurite");
        var port = LoopbackPorts.Free();
        var start = Process.Start(new ProcessStartInfo("bash", [Path.Combine(tools, "start.sh"), port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var pid = start.StandardOutput.ReadToEnd().Trim();
        start.WaitForExit();
        if (start.ExitCode != 0 || !int.TryParse(pid, out var id)) throw new InvalidOperationException($"Azurite did not start (exit {start.ExitCode}).");
        return new AzuriteProcess(tools, id, port);
    }

    public void Dispose()
    {
        using var stop = Process.Start(new ProcessStartInfo("bash", [Path.Combine(_tools, "stop.sh"), Pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        stop.WaitForExit();
    }

}
