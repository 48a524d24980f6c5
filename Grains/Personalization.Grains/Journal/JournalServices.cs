using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Grains.Hosting;
using Personalization.Grains.Journal.Segments;

namespace Personalization.Grains.Journal;

/// <summary>Registers the silo's one <see cref="IEventJournal"/> (Memory, or the segment journal on Azure Table storage, from <see cref="JournalOptions"/>).</summary>
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
            return new SegmentTable(JournalTableClient.Create(options), options);
        });
        services.AddSingleton<ISegmentStore>(sp => sp.GetRequiredService<SegmentTable>());
        services.AddSingleton(sp => new SegmentEventJournal(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<JournalOptions>>(),
            sp.GetRequiredService<JournalCounters>()));
        services.AddSingleton<LocalJournalWriters>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LocalJournalWriters>());
        services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<IOptions<JournalOptions>>().Value.Provider == "AzureTable"
            ? sp.GetRequiredService<SegmentEventJournal>()
            : sp.GetRequiredService<MemoryEventJournal>());
        return services;
    }
}
