using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;
using Personalization.Engine.Rewards;
using Personalization.Grains.Catalog;
using Personalization.Grains.Model;
using Personalization.Journal;
using Personalization.Grains.State;
using Orleans.Storage;

namespace Personalization.Grains.Users;

/// <summary>
/// The silo-wide services every listener uses, resolved once per silo (not looked up at each activation). A
/// <see cref="UserGrain"/> holds one reference to them instead of a field per service: with every listener of a silo
/// active at once, that is 8 bytes per service and listener.
/// </summary>
public sealed class ListenerServices(
    SnapshotCodec codec,
    EventMapper mapper,
    RecommendationPolicy policy,
    Recommender recommender,
    LearnedRanker ranker,
    IRewardObserver rewardObserver,
    IModelView model,
    ModelTail tail,
    IModelFeed feed,
    RequestValidator validator,
    TimeProvider clock,
    IEventJournal journal,
    IOptions<EngineOptions> engineOptions,
    IOptions<SnapshotOptions> snapshotOptions,
    TasteViews tasteViews,
    CatalogRules catalog,
    ILogger<UserGrain> logger,
    UserIdPseudonyms pseudonyms,
    [FromKeyedServices(StorageNames.Users)] IGrainStorage userStorage)
{
    public SnapshotCodec Codec { get; } = codec;
    public EventMapper Mapper { get; } = mapper;
    public RecommendationPolicy Policy { get; } = policy;
    public Recommender Recommender { get; } = recommender;
    public LearnedRanker Ranker { get; } = ranker;
    public IRewardObserver RewardObserver { get; } = rewardObserver;
    public IModelView Model { get; } = model;
    public ModelTail Tail { get; } = tail;
    public IModelFeed Feed { get; } = feed;
    public RequestValidator Validator { get; } = validator;
    public TimeProvider Clock { get; } = clock;
    public EngineOptions Engine { get; } = engineOptions.Value;
    public TasteViews TasteViews { get; } = tasteViews;
    public CatalogRules Catalog { get; } = catalog;

    /// <summary>What every listener's <see cref="ListenerStore"/> uses.</summary>
    public ListenerStoreServices Store { get; } = new(journal, codec, mapper, snapshotOptions.Value, clock, logger, pseudonyms);

    /// <summary>Where listeners' snapshots are stored (<see cref="ListenerSnapshotState"/>).</summary>
    public IGrainStorage UserStorage { get; } = userStorage;
}
