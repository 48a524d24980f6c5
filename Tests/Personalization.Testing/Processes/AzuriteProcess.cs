using System.Diagnostics;
using System.Globalization;

namespace Personalization.Testing.Processes;

/// <summary>
/// The repository's pinned Azurite (<c>tools/azurite/start.sh</c>, found through <see cref="KitLocations.AzuriteScripts"/>: table service only, in memory, 127.0.0.1) on a free
/// port, installed with <c>npm ci</c> on first use; stopped by its PID (<c>stop.sh</c>) on dispose. Used by the
/// durability tests outside CI and by <c>Bench</c>.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    /// <summary>Bounds each script: a first start runs npm ci on a cold machine.</summary>
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private AzuriteProcess(int pid, int port)
    {
        Pid = pid;
        ConnectionString = AzuriteConnection.ForPort(port);
    }

    public int Pid { get; }

    public string ConnectionString { get; }

    /// <exception cref="InvalidOperationException">The script is missing or Azurite did not start (the message says why).</exception>
    public static async Task<AzuriteProcess> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var output = await RunAsync("start.sh", port.ToString(CultureInfo.InvariantCulture));
        return int.TryParse(output.Trim(), out var pid)
            ? new AzuriteProcess(pid, port)
            : throw new InvalidOperationException($"tools/azurite/start.sh printed no PID: '{output.Trim()}'.");
    }

    public void Dispose() => RunAsync("stop.sh", Pid.ToString(CultureInfo.InvariantCulture)).GetAwaiter().GetResult();

    private static async Task<string> RunAsync(string script, string argument)
    {
        var path = Path.Combine(KitLocations.AzuriteScripts, script);
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} not found.");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/azurite/{script} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }
}
