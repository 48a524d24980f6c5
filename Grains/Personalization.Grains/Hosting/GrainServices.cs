using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Rewards;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;
using Personalization.Abstractions.Catalog;
using Personalization.Grains.Catalog;
using Personalization.Grains.Diagnostics;
using Personalization.Grains.Model;
using Personalization.Grains.Model.Placement;
using Personalization.Grains.Model.Checkpoints;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Grains.Hosting;

/// <summary>Registers what the grains need in a silo: engine, validation, model pipeline, all options validated at start.</summary>
public static class GrainServices
{
    public static IServiceCollection AddPersonalizationGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EngineOptions>(configuration, EngineOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<ValidationLimits>(configuration, ValidationLimits.SectionName, o => o.Validate());
        services.AddOptions<EngineOptions>().Validate<IOptions<ValidationLimits>>(
            (engine, limits) => engine.DedupeWindow >= limits.Value.MaxBatchSize,
            $"{nameof(EngineOptions.DedupeWindow)} must be at least {ValidationLimits.SectionName}:{nameof(ValidationLimits.MaxBatchSize)}: a retried batch is recognized only while every one of its ids is remembered.");
        services.AddValidatedOptions<ModelPipelineOptions>(configuration, ModelPipelineOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<SnapshotOptions>(configuration, SnapshotOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<ExplorationOptions>(configuration, ExplorationOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<DiagnosticsOptions>(configuration, DiagnosticsOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<RankerOptions>(configuration, RankerOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<ModelCheckpointOptions>(configuration, ModelCheckpointOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<LogPrivacyOptions>(configuration, LogPrivacyOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<CatalogOptions>(configuration, CatalogOptions.SectionName, o => o.Validate());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Vocabulary>();
        services.AddSingleton(sp => new RequestValidator(sp.GetRequiredService<IOptions<ValidationLimits>>().Value));
        services.AddSingleton(sp => new LearnedRanker(sp.GetRequiredService<IOptions<RankerOptions>>().Value));
        services.AddSingleton(sp => new Recommender(sp.GetRequiredService<IOptions<EngineOptions>>().Value, sp.GetRequiredService<LearnedRanker>()));
        services.AddSingleton(sp => new SourceArms(sp.GetRequiredService<IOptions<ExplorationOptions>>().Value));
        services.AddSingleton(sp => new SourceExplorer(sp.GetRequiredService<IOptions<ExplorationOptions>>().Value, sp.GetRequiredService<SourceArms>()));
        services.AddSingleton(sp => new RecommendationPolicy(
            sp.GetRequiredService<Recommender>(), sp.GetRequiredService<SourceExplorer>(), sp.GetRequiredService<IOptions<EngineOptions>>().Value));
        services.TryAddSingleton<IRewardObserver>(sp => sp.GetRequiredService<SourceArms>()); // the silo's operations add metrics (RewardFeed)
        services.AddSingleton<SnapshotCodec>();
        services.AddSingleton(sp => UserIdPseudonyms.Create(sp.GetRequiredService<IOptions<LogPrivacyOptions>>().Value));
        services.AddSingleton<EventMapper>();
        services.AddSingleton<ListenerServices>();
        services.AddSingleton<LiveModel>();
        services.AddSingleton(sp =>
        {
            var model = sp.GetRequiredService<IOptions<ModelPipelineOptions>>().Value;
            return new TailCache(model.TailCacheKeys, model.TailCacheTtl, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IModelView>(sp => new TieredModelView(sp.GetRequiredService<LiveModel>(), sp.GetRequiredService<TailCache>()));
        services.AddSingleton<ModelTail>();
        services.AddSingleton<HandOverRelay>();
        services.AddSingleton<RelayedBatches>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RelayedBatches>());
        services.AddSingleton<ModelPipeline>();
        services.AddSingleton<IModelPipeline>(sp => sp.GetRequiredService<ModelPipeline>());
        services.AddSingleton<IModelFeed>(sp => sp.GetRequiredService<ModelPipeline>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ModelPipeline>());
        services.AddSingleton<ModelCheckpointStatus>();
        services.AddSingleton<ModelAdmissionStatus>();
        services.AddSingleton<ModelMemoryStatus>();
        services.AddSingleton<LocalModelShards>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LocalModelShards>());
        services.AddShardPlacementOf<ModelShardGrain>(); // placed at its home (ShardLayout); moves home on its ShardRebalancer timer
        services.TryAddSingleton<IModelCheckpointStore, MemoryModelCheckpointStore>(); // Azure mode replaces it (SiloConfiguration)
        services.AddSingleton<CheckpointEncoder>();
        services.AddSingleton<SiloLearningCheckpointer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloLearningCheckpointer>());
        services.AddSingleton(sp => new CatalogValidator(sp.GetRequiredService<RequestValidator>()));
        services.TryAddSingleton<ICatalogStore, MemoryCatalogStore>(); // Azure mode replaces it (SiloConfiguration)
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CatalogCache>());
        services.AddSingleton<CatalogRules>();
        services.AddBlendAndDiscovery(configuration);
        return services;
    }

    public static IServiceCollection AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, IReadOnlyList<string>> rules)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new RuleValidator<TOptions>(rules));
        return services;
    }
}
