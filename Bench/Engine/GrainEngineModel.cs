using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Engine.Exploration;
using Personalization.Engine.Ranking;
using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;
using Personalization.Grains;
using Personalization.Grains.Hosting;
using Personalization.Grains.Model;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Engine;

/// <summary>
/// The engine as deployed: an in-process silo (localhost clustering on free ports, memory grain storage, the real
/// grain registrations), driven through <see cref="IUserGrain"/> only. Before each recommendation the harness calls
/// <see cref="SyncAsync"/>, which waits until the shared model has learned every event recorded before; that seam is a
/// delegate because the model will become cluster-wide.
/// </summary>
public sealed class GrainEngineModel : ISequenceModel, IPropensityLogger
{
    private readonly IHost _host;
    private readonly IGrainFactory _grains;
    private readonly Func<Task> _syncModel;
    private readonly string _eventPrefix;

    private GrainEngineModel(IHost host, Func<Task> syncModel, string eventPrefix, string name, bool stochastic)
    {
        Name = name;
        IsStochastic = stochastic;
        _host = host;
        _grains = host.Services.GetRequiredService<IGrainFactory>();
        _syncModel = syncModel;
        _eventPrefix = eventPrefix;
    }

    public string Name { get; }

    /// <summary>The propensities the grain logged for its last list (all 1 unless exploration is enabled).</summary>
    public IReadOnlyList<double> LastPropensities { get; private set; } = [];

    public bool IsStochastic { get; }

    /// <summary>Starts a fresh silo; <paramref name="settings"/> override configuration (e.g. engine or exploration options).</summary>
    public static async Task<GrainEngineModel> StartAsync(string eventPrefix, IReadOnlyDictionary<string, string?> settings, string name = "engine")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free())
            .AddPersonalization(builder.Configuration)); // the production silo configuration (memory storage and journal)
        var host = builder.Build();
        await host.StartAsync();
        var pipeline = host.Services.GetRequiredService<IModelPipeline>();
        var stochastic = host.Services.GetRequiredService<IOptions<ExplorationOptions>>().Value is { Enabled: true, Epsilon: > 0 };
        var ranker = host.Services.GetRequiredService<LearnedRanker>();
        async Task Sync()
        {
            await pipeline.FlushAsync();
            await ranker.WhenTrainedAsync(); // the re-ranker has trained on every play it was given (reproducible replays)
        }

        return new GrainEngineModel(host, Sync, eventPrefix, name, stochastic);
    }

    public async ValueTask RecordAsync(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var listen = new ListenEvent(
            $"{_eventPrefix}:{e.Order}", e.ItemId, e.ArtistId, EventKind.Play, DateTimeOffset.FromUnixTimeSeconds(e.Time));
        await _grains.GetGrain<IUserGrain>(e.UserId).RecordAsync(listen);
    }

    public async ValueTask SyncAsync() => await _syncModel();

    public async ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        var request = new RecommendRequest(count, null, At: DateTimeOffset.FromUnixTimeSeconds(query.Time));
        var list = await _grains.GetGrain<IUserGrain>(query.UserId).RecommendAsync(request);
        LastPropensities = [.. list.Items.Select(i => i.Propensity)];
        return [.. list.Items.Select(i => i.TrackId)];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

}
