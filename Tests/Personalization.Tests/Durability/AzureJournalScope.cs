using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Grains.Journal;

namespace Personalization.Tests.Durability;

/// <summary>An <see cref="AzureTableEventJournal"/> (the row layout) on its own fresh table, deleted again on dispose.</summary>
public sealed class AzureJournalScope : IAsyncDisposable
{
    private readonly string _connectionString;

    public AzureJournalScope(string connectionString, string tablePrefix, Action<JournalOptions>? configure = null, string? journalConnectionString = null)
    {
        _connectionString = connectionString;
        Options = new JournalOptions { Provider = "AzureTable", Layout = JournalOptions.RowsLayout, TableName = tablePrefix + Guid.NewGuid().ToString("N")[..12] };
        configure?.Invoke(Options);
        Options.ConnectionString = journalConnectionString ?? connectionString;
        var errors = Options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(configure));
        Journal = new AzureTableEventJournal(
            AzureTableEventJournal.CreateServiceClient(Options.ConnectionString, Options), Options, new JournalCounters(), NullLogger<AzureTableEventJournal>.Instance);
    }

    public JournalOptions Options { get; }

    public AzureTableEventJournal Journal { get; }

    public JournalCounters Counters => Journal.Counters;

    /// <summary>Direct access to the journal's table (bypassing the journal), on the real endpoint.</summary>
    public TableClient Table => new TableServiceClient(_connectionString).GetTableClient(Options.TableName);

    public async ValueTask DisposeAsync()
    {
        await Journal.DisposeAsync();
        await Table.DeleteAsync();
    }
}
