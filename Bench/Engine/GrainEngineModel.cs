using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Personalization.Abstractions;
using Personalization.Engine.Exploration;
using Personalization.Engine.Ranking;
using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;
using Personalization.Grains;
using Personalization.Grains.Hosting;
using Personalization.Journal;
using Personalization.Grains.Model;
using Personalization.Grains.State;
using Personalization.Grains.Model.Checkpoints;
using Personalization.Grains.Operations;
using Personalization.Testing;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Engine;

/// <summary>
/// The engine as deployed: an in-process silo (localhost clustering on free ports, the real grain registrations, memory
/// storage), driven through <see cref="IUserGrain"/> only. Its stores (user snapshots, the event journal, the model's
/// checkpoints) outlive the silo, so <see cref="RestartAsync"/> can stop it and start a new one from storage alone, as
/// a cluster restart would. Before each recommendation the harness calls <see cref="SyncAsync"/>, which waits until the
/// shared model has learned every event recorded before and the silo's re-ranker has finished its trainings.
/// </summary>
public sealed class GrainEngineModel : ISequenceModel, IPropensityLogger, IRestartable, ICatalogAware
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly SharedMemoryGrainStorage.Store _users = new();
    private readonly MemoryEventJournal _journal = new();
    private readonly MemoryModelCheckpointStore _checkpoints = new();
    private readonly string _eventPrefix;
    private IHost _host = null!;
    private IGrainFactory _grains = null!;

    private GrainEngineModel(IReadOnlyDictionary<string, string?> settings, string eventPrefix, string name)
    {
        Name = name;
        _settings = settings;
        _eventPrefix = eventPrefix;
    }

    public string Name { get; }

    /// <summary>The propensities the grain logged for its last list (all 1 unless exploration is enabled).</summary>
    public IReadOnlyList<double> LastPropensities { get; private set; } = [];

    public bool IsStochastic { get; private set; }

    /// <summary>Starts a fresh silo; <paramref name="settings"/> override configuration (e.g. engine or exploration options).</summary>
    public static async Task<GrainEngineModel> StartAsync(string eventPrefix, IReadOnlyDictionary<string, string?> settings, string name = "engine")
    {
        var model = new GrainEngineModel(settings, eventPrefix, name);
        await model.StartSiloAsync();
        return model;
    }

    public async ValueTask RestartAsync()
    {
        await _host.StopAsync(); // graceful: users snapshot, shards and the re-ranker write their last checkpoints
        _host.Dispose();
        await StartSiloAsync();
    }

    private async Task StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free())
                .AddPersonalization(builder.Configuration); // the production silo configuration (memory storage and journal)
            // Stores that outlive this silo, as external storage would: a restarted silo finds what the last one wrote.
            silo.Services.AddGrainStorage(StorageNames.Users, (sp, _) => new SharedMemoryGrainStorage(_users, sp.GetRequiredService<Serializer>()));
            silo.Services.AddSingleton<IEventJournal>(sp => new MeteredEventJournal(_journal, sp.GetRequiredService<PersonalizationMetrics>()));
            silo.Services.AddSingleton<IModelCheckpointStore>(_checkpoints);
        });
        _host = builder.Build();
        await _host.StartAsync();
        _grains = _host.Services.GetRequiredService<IGrainFactory>();
        IsStochastic = _host.Services.GetRequiredService<IOptions<ExplorationOptions>>().Value is { Enabled: true, Epsilon: > 0 };
        await _host.Services.GetRequiredService<IModelPipeline>().RefreshAsync(); // every shard activated and restored
        await _host.Services.GetRequiredService<ModelCheckpointStatus>().WhenRestored;
    }

    public async ValueTask RecordAsync(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var listen = new ListenEvent(
            $"{_eventPrefix}:{e.Order}", e.ItemId, e.ArtistId, EventKind.Play, DateTimeOffset.FromUnixTimeSeconds(e.Time));
        await _grains.GetGrain<IUserGrain>(e.UserId).RecordAsync(listen);
    }

    public async ValueTask AdmitAsync(IReadOnlyList<(string TrackId, string ArtistId)> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var pipeline = _host.Services.GetRequiredService<IModelPipeline>();
        await pipeline.AdmitAsync([.. tracks.Select(t => new Personalization.Abstractions.Model.CatalogTrack(t.TrackId, t.ArtistId))]);
        await pipeline.RefreshAsync();
    }

    public async ValueTask SyncAsync()
    {
        await _host.Services.GetRequiredService<IModelPipeline>().FlushAsync();
        await _host.Services.GetRequiredService<LearnedRanker>().WhenTrainedAsync(); // the re-ranker has trained on every play it was given (reproducible replays)
    }

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
