using Azure.Data.Tables;
using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

/// <summary>A <see cref="SegmentTable"/> (the journal's storage) on its own fresh table, deleted again on dispose.</summary>
public sealed class SegmentTableScope : IAsyncDisposable
{
    private readonly string _connectionString;

    /// <param name="journalConnectionString">Where the segment table sends its requests (e.g. a relay); the table itself is created and deleted on <paramref name="connectionString"/>.</param>
    public SegmentTableScope(string connectionString, string tablePrefix, Action<JournalOptions>? configure = null, string? journalConnectionString = null)
    {
        _connectionString = connectionString;
        Options = new JournalOptions { Provider = "AzureTable", TableName = tablePrefix + Guid.NewGuid().ToString("N")[..12] };
        configure?.Invoke(Options);
        Options.ConnectionString = journalConnectionString ?? connectionString;
        var errors = Options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(configure));
        Segments = new SegmentTable(JournalTableClient.Create(Options), Options);
    }

    public JournalOptions Options { get; }

    public SegmentTable Segments { get; }

    /// <summary>Direct access to the journal's table (bypassing the segment table), on the real endpoint.</summary>
    public TableClient Table => new TableServiceClient(_connectionString).GetTableClient(Options.TableName);

    public async ValueTask DisposeAsync() => await Table.DeleteAsync();
}
