using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Grains.Hosting;
using Personalization.Grains.Journal.Segments;

namespace Personalization.Grains.Journal;

/// <summary>Registers the silo's one <see cref="IEventJournal"/> (Memory or AzureTable, from <see cref="JournalOptions"/>).</summary>
public static class JournalServices
{
    public static IServiceCollection AddEventJournal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JournalOptions>(configuration, JournalOptions.SectionName, o => o.Validate());
        services.AddSingleton<JournalCounters>();
        services.AddSingleton<MemoryEventJournal>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
            var client = AzureTableEventJournal.CreateServiceClient(options);
            return new AzureTableEventJournal(
                client, options, sp.GetRequiredService<JournalCounters>(), sp.GetRequiredService<ILogger<AzureTableEventJournal>>());
        });
        services.AddSingleton(sp => new SegmentTable(
            AzureTableEventJournal.CreateServiceClient(sp.GetRequiredService<IOptions<JournalOptions>>().Value),
            sp.GetRequiredService<IOptions<JournalOptions>>().Value));
        services.AddSingleton<ISegmentStore>(sp => sp.GetRequiredService<SegmentTable>());
        services.AddSingleton(sp => new SegmentEventJournal(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<JournalOptions>>(),
            sp.GetRequiredService<JournalCounters>(),
            sp.GetRequiredService<IOptions<JournalOptions>>().Value.ReadRows ? sp.GetRequiredService<AzureTableEventJournal>() : null));
        services.AddSingleton<LocalJournalWriters>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LocalJournalWriters>());
        services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<IOptions<JournalOptions>>().Value switch
        {
            { Provider: "AzureTable", Layout: JournalOptions.SegmentsLayout } => sp.GetRequiredService<SegmentEventJournal>(),
            { Provider: "AzureTable" } => sp.GetRequiredService<AzureTableEventJournal>(),
            _ => sp.GetRequiredService<MemoryEventJournal>(),
        });
        return services;
    }
}
