using System.Diagnostics;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Durability;

/// <summary>
/// A real Azure Table endpoint for the durability tests. CI starts Azurite (tools/azurite/start.sh) and exports
/// <c>PERSONALIZATION_TEST_AZURE</c>; without it the tests fail in CI (never a silent skip). Outside CI the fixture
/// starts its own in-memory Azurite with the same script on a free port and stops it, by PID, afterwards.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "PERSONALIZATION_TEST_AZURE";

    private string? _startedPid;
    private string? _scripts;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException(
                $"{ConnectionVariable} is not set, and durability tests never skip in CI: start Azurite with tools/azurite/start.sh " +
                $"and export {ConnectionVariable} (e.g. UseDevelopmentStorage=true for port 10002).");
        }

        _scripts = FindScripts();
        var port = LoopbackPorts.Free();
        _startedPid = (await RunAsync("start.sh", port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
        ConnectionString = AzuriteConnection.ForPort(port);
    }

    public async Task DisposeAsync()
    {
        if (_startedPid is not null) await RunAsync("stop.sh", _startedPid);
    }


    private static string FindScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "azurite");
            if (File.Exists(Path.Combine(candidate, "start.sh"))) return candidate;
        }

        throw new InvalidOperationException($"tools/azurite/start.sh not found above {AppContext.BaseDirectory}; set {ConnectionVariable} instead.");
    }

    private async Task<string> RunAsync(string script, string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(_scripts!, script));
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // npm ci on a cold machine included
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/azurite/{script} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
