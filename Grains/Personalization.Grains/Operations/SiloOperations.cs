using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Personalization.Abstractions;
using Personalization.Engine.Rewards;
using Personalization.Grains.Catalog;
using Personalization.Grains.Hosting;
using Personalization.Journal;
using Personalization.Grains.Model.Checkpoints;

namespace Personalization.Grains.Operations;

/// <summary>What a silo adds for operators: the <c>Personalization</c> meter and its call filter, the metered (and traced) journal, trace propagation through grain calls, health checks.</summary>
public static class SiloOperations
{
    public static ISiloBuilder AddPersonalizationOperations(this ISiloBuilder silo, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<PersonalizationMetrics>();
        silo.Services.Replace(ServiceDescriptor.Singleton<IRewardObserver, RewardFeed>()); // arm statistics + reward metrics
        silo.AddIncomingGrainCallFilter<MetricsCallFilter>();
        silo.AddActivityPropagation(); // grain calls continue their caller's trace (spans only while a tracer listens)
        silo.Services.DecorateEventJournal();

        var checks = silo.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo-active", HealthStatus.Unhealthy, [HealthTags.Startup, HealthTags.Ready])
            .AddCheck<ModelRestoreHealthCheck>("model-restored", HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<CatalogLoadedHealthCheck>("catalog-loaded", HealthStatus.Unhealthy, [HealthTags.Ready]);
        if (settings.UsesAzure)
        {
            var table = settings.Storage == "AzureTable" ? settings.SnapshotTable : "OrleansSiloInstances";
            checks.Add(new HealthCheckRegistration(
                "table-storage",
                _ => new StorageHealthCheck(CreateProbeClient(settings), table),
                HealthStatus.Unhealthy,
                [HealthTags.Ready],
                settings.StorageProbeTimeout));
        }

        return silo;
    }

    /// <summary>
    /// Replaces the registered <see cref="IEventJournal"/> with the same journal wrapped in <see cref="MeteredEventJournal"/>.
    /// A host or test kit that registers its own journal afterwards wraps it itself (as <c>PersonalizationCluster</c> does).
    /// </summary>
    public static IServiceCollection DecorateEventJournal(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IEventJournal))
            ?? throw new InvalidOperationException("Register the event journal before decorating it.");
        services.Remove(registered);
        services.AddSingleton<IEventJournal>(sp => new MeteredEventJournal(Resolve(sp, registered), sp.GetRequiredService<PersonalizationMetrics>()));
        return services;
    }

    private static IEventJournal Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IEventJournal)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    /// <summary>A table client that fails fast: no retries, the probe timeout as network timeout.</summary>
    public static TableServiceClient CreateProbeClient(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = settings.StorageProbeTimeout;
        return SiloConfiguration.CreateTableClient(settings, options);
    }
}
