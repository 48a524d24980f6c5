using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Journal.Segments;

namespace Personalization.Journal;

/// <summary>
/// Registers the silo's one <see cref="IEventJournal"/> (Memory, or the segment journal on Azure Table storage, from
/// <see cref="JournalOptions"/>). The host also registers an <see cref="IListenerSnapshots"/>, which the partition writers read.
/// </summary>
public static class JournalServices
{
    public static IServiceCollection AddEventJournal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JournalOptions>, JournalOptionsValidator>();
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
