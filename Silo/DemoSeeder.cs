using System.Diagnostics;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Client.Facade;
using Personalization.Engine.Synthetic;
using Personalization.Grains.Catalog;
using Personalization.Grains.Demo;
using Personalization.Grains.Model;

namespace Personalization.Silo;

/// <summary>
/// Preloads the shipped deterministic synthetic world through the real grains once the silo has started, so that the
/// README's curl examples have a catalogue (markets, explicit flags, release dates), listeners and a learned model to work with. Only in the Development
/// environment: elsewhere an enabled demo is skipped with a warning (synthetic listeners never enter a real deployment).
/// </summary>
public sealed partial class DemoSeeder(
    IGrainFactory grains,
    IModelPipeline model,
    ICatalogClient catalog,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    IOptions<DemoOptions> options,
    IConfiguration configuration,
    ILogger<DemoSeeder> logger)
    : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        if (!environment.IsDevelopment())
        {
            LogSkipped(environment.EnvironmentName);
            return;
        }

        await WhenStartedAsync(stoppingToken);
        var clock = Stopwatch.StartNew();
        var world = SyntheticWorld.Create(new SyntheticWorldOptions
        {
            Seed = o.Seed,
            Listeners = o.Listeners,
            Start = DateTimeOffset.UtcNow.Date.AddDays(-14),
        });
        foreach (var chunk in SyntheticWorldCatalog.Entries(world).Chunk(BatchSize)) await catalog.UpsertAsync(chunk, stoppingToken); // the catalogue first: tracks are known before plays
        var events = 0;
        foreach (var (userId, batch) in world.BatchesPerListener(BatchSize))
        {
            await grains.GetGrain<IUserGrain>(userId).RecordBatchAsync(batch).WaitAsync(stoppingToken);
            events += batch.Length;
        }

        await model.FlushAsync(stoppingToken);
        LogSeeded(o.Listeners, events, world.Catalog.Tracks.Count, clock.Elapsed.TotalSeconds, FirstUrl());
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Where the HTTP API listens (the first of <c>Urls</c>), for the hint: it must work as printed.</summary>
    private string FirstUrl() => (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/');

    // The API needs a token: the hint mints a development one (Development only, as the demo), from the repository root.
    [LoggerMessage(Level = LogLevel.Information, Message = "Demo loaded: {Listeners} synthetic listeners, {Events} events, {Tracks} tracks in {Seconds:F1} s. Try (from the repository root): " +
        "curl -s {Url}/v1/users/u0001/recommendations -H \"Authorization: Bearer $(dotnet run --project Client/Personalization.Gateway -- token --sub dev --role admin)\"")]
    private partial void LogSeeded(int listeners, int events, int tracks, double seconds, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding is enabled but stays off: the environment is {Environment}, not Development.")]
    private partial void LogSkipped(string environment);
}
