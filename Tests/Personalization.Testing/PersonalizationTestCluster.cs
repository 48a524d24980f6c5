using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using Personalization.Abstractions;
using Personalization.Abstractions.Blend;
using Personalization.Engine.Ranking;
using Personalization.Grains;
using Personalization.Grains.Hosting;
using Personalization.Grains.Catalog;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Personalization.Grains.Model.Checkpoints;
using Personalization.Grains.Model;
using Personalization.Grains.Operations;
using Personalization.Grains.State;

namespace Personalization.Testing;

/// <summary>
/// An in-memory Orleans cluster (≥ 2 silos, in-process transport) with exactly the production silo configuration
/// (<see cref="SiloConfiguration.AddPersonalization"/>) and memory storage. Framework-free: <see cref="InitializeAsync"/>
/// deploys it, <see cref="DisposeAsync"/> stops it. As an xunit fixture use <c>PersonalizationCluster</c> from
/// Personalization.Testing.Xunit (xunit v2) or Personalization.Testing.XunitV3 (xunit v3), which only add xunit's
/// lifetime interface; give every test its own user ids (<see cref="UniqueUser"/>).
/// </summary>
public class PersonalizationTestCluster
{
    private InProcessTestCluster? _cluster;
    private ClusterCatalog? _catalog;

    public PersonalizationTestCluster()
        : this(new TestClusterSettings())
    {
    }

    /// <summary>A cluster with the given silo count and configuration (e.g. <c>new TestClusterSettings { Silos = 3 }</c>); call <see cref="InitializeAsync"/>.</summary>
    public PersonalizationTestCluster(TestClusterSettings settings) => Settings = settings ?? throw new ArgumentNullException(nameof(settings));

    public TestClusterSettings Settings { get; }

    /// <summary>The user-state store every silo of this cluster shares (survives stopping or killing a silo).</summary>
    public SharedMemoryGrainStorage.Store Storage { get; } = new();

    /// <summary>
    /// The journal's segments, which every silo of this cluster shares (memory mode): the silos run the production
    /// segment journal (user grains → their silo's journal → the partition writer grains) over this store instead of the table.
    /// </summary>
    public MemorySegmentStore Journal { get; } = new();

    /// <summary>The model checkpoints every silo shares (memory mode): a shard or silo restarted in the cluster restores from them.</summary>
    public MemoryModelCheckpointStore ModelCheckpoints { get; } = new();

    /// <summary>The catalogue every silo shares (memory mode), as the Azure table would be.</summary>
    public MemoryCatalogStore CatalogStore { get; } = new();

    /// <summary>The clock every silo uses as "now".</summary>
    public ManualClock Clock { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    public IClusterClient Client => Cluster.Client;

    public IUserGrain User(string userId) => Client.GetGrain<IUserGrain>(userId);

    /// <summary>The Blend of these members (any order, duplicates allowed: the key is made canonical, as the facade does).</summary>
    public IBlendGrain Blend(params string[] members) => Client.GetGrain<IBlendGrain>(BlendMembers.Key([.. members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));

    /// <summary>The catalogue (see <see cref="ClusterCatalog"/>): upserts, takedowns, and a sync of every silo's cache.</summary>
    public ClusterCatalog Catalog => _catalog ??= new ClusterCatalog(this);

    /// <summary>A script of a listener's sessions (see <see cref="ListenerScript"/>).</summary>
    public ListenerScript Listener(string userId) => new(this, userId);

    /// <summary>A user id no other test uses (prefix it with the test's name for readable failures).</summary>
    public static string UniqueUser(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Settings.Silos);
        var overrides = Settings.Configuration;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(overrides);
            host.Services.AddSingleton<TimeProvider>(Clock);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPersonalization(silo.Configuration);
            if (Settings.AzureConnectionString is not null) return; // Azure mode: the production providers, on Azurite
            // Replaces the per-silo memory store and journal with ones the whole cluster shares, as real storage would be.
            silo.Services.AddGrainStorage(StorageNames.Users, (sp, _) => new SharedMemoryGrainStorage(Storage, sp.GetRequiredService<Serializer>()));
            silo.Services.AddSingleton<ISegmentStore>(Journal);
            silo.Services.AddSingleton<IEventJournal>(sp => new MeteredEventJournal(sp.GetRequiredService<SegmentEventJournal>(), sp.GetRequiredService<PersonalizationMetrics>()));
            silo.Services.AddSingleton<IModelCheckpointStore>(ModelCheckpoints);
            silo.Services.AddSingleton<ICatalogStore>(CatalogStore);
        });
        builder.ConfigureClient(client => client.AddActivityPropagation()); // as the gateway's client: grain calls continue the caller's trace
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Stops every silo and the client; a second call does nothing.</summary>
    public virtual async Task DisposeAsync()
    {
        var cluster = Interlocked.Exchange(ref _cluster, null);
        if (cluster is not null) await cluster.DisposeAsync();
    }

    /// <summary>Services of every running silo (e.g. to read a silo's model pipeline).</summary>
    public IEnumerable<IServiceProvider> SiloServices() =>
        Cluster.GetActiveSilos().Select(s => Cluster.GetSiloServiceProvider(s.SiloAddress));

    /// <summary>
    /// Waits until everything recorded so far is learned into the shared model that recommendations read, on every
    /// silo, and every silo's learned re-ranker has finished the trainings its examples started. Deterministic: no
    /// sleeping, it completes when the pipelines have drained.
    /// </summary>
    public async Task SyncModelAsync(CancellationToken cancellationToken = default)
    {
        var pipelines = SiloServices().Select(sp => sp.GetRequiredService<IModelPipeline>()).ToArray();
        // Every silo hands its observations to the shards first; only then does every silo pull.
        await Task.WhenAll(pipelines.Select(p => p.PushAsync(cancellationToken)));
        await Task.WhenAll(pipelines.Select(p => p.RefreshAsync(cancellationToken)));
        await Task.WhenAll(SiloServices().Select(sp => sp.GetRequiredService<LearnedRanker>().WhenTrainedAsync().WaitAsync(cancellationToken)));
    }

    /// <summary>Stops a silo gracefully (its grains deactivate); index 0 is the primary, which the cluster needs.</summary>
    public async Task StopSiloAsync(int index)
    {
        await Cluster.StopSiloAsync(Cluster.Silos[index]);
        await ReconnectClientAsync();
    }

    /// <summary>Kills a silo abruptly, as a crash would; the cluster declares it dead and re-activates its grains elsewhere.</summary>
    public async Task KillSiloAsync(int index)
    {
        await Cluster.KillSiloAsync(Cluster.Silos[index]);
        await ReconnectClientAsync();
    }

    /// <summary>Starts one more silo with the same configuration.</summary>
    public Task StartSiloAsync() => Cluster.StartAdditionalSiloAsync();

    /// <summary>The silo hosting a user's grain (activating it if needed), for tests about placement.</summary>
    public async Task<SiloAddress> HostOfUserAsync(string userId)
    {
        var grain = User(userId);
        await grain.GetProfileAsync();
        return Cluster.TryGetGrainContext(grain.GetGrainId(), out var context)
            ? context.Address.SiloAddress!
            : throw new InvalidOperationException($"User {userId} is not active on any silo of this cluster.");
    }

    /// <summary>
    /// Gives the test a client connected to the live gateways only. A production client would retry until its gateway
    /// list refresh drops the dead silo; reconnecting makes the test's next call deterministic instead of timing-dependent.
    /// </summary>
    private async Task ReconnectClientAsync()
    {
        await Cluster.KillClientAsync();
        await Cluster.InitializeClientAsync();
    }

    /// <summary>Moves a user's live grain to the silo at <paramref name="siloIndex"/> (placement for cross-silo tests).</summary>
    public async Task MoveUserAsync(string userId, int siloIndex)
    {
        var target = Cluster.Silos[siloIndex].SiloAddress;
        if ((await HostOfUserAsync(userId)).Equals(target)) return;
        await Cluster.MigrateAsync(User(userId), target);
        var host = await HostOfUserAsync(userId);
        if (!host.Equals(target)) throw new InvalidOperationException($"User {userId} stayed on {host} instead of moving to {target}.");
    }

    /// <summary>Deactivates a user's grain (its next call re-activates it from storage).</summary>
    public async Task DeactivateUserAsync(string userId)
    {
        var grain = User(userId);
        await Cluster.DeactivateAsync(grain);
    }
}
