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

    private AzuriteProcess? _started;

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

        _started = await AzuriteProcess.StartAsync();
        ConnectionString = _started.ConnectionString;
    }

    public Task DisposeAsync()
    {
        _started?.Dispose();
        return Task.CompletedTask;
    }
}
