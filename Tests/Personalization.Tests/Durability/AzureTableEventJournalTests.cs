using Azure.Data.Tables;
using Personalization.Grains.Journal;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableEventJournalTests(AzuriteFixture azurite) : EventJournalContract, IAsyncLifetime
{
    private AzureJournalScope _scope = null!;

    protected override IEventJournal Journal => _scope.Journal;

    public Task InitializeAsync()
    {
        _scope = new AzureJournalScope(azurite.ConnectionString, "JournalContract");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _scope.DisposeAsync().AsTask();

    [Fact]
    public void Appends_go_through_the_direct_transport_by_default_with_an_account_key() =>
        Assert.Equal(JournalOptions.DirectTransport, _scope.Journal.Transport);

    [Fact]
    public async Task Rows_use_the_documented_keys_and_stored_format()
    {
        var user = "layout-" + Guid.NewGuid().ToString("N");
        await Journal.AppendAsync(user, JournalSamples.Entries(user, 1, 2));

        var partition = JournalKeys.PartitionOf(user, _scope.Options.Partitions);
        var row = (await _scope.Table.GetEntityAsync<TableEntity>(partition, $"{user}_0000000000000000002")).Value;
        Assert.Matches("^p[0-9]{3}$", partition);
        Assert.Equal(user, row.GetString(JournalKeys.UserIdColumn));
        Assert.Equal(2, row.GetInt64(JournalKeys.SequenceColumn));
        Assert.Equal(2, row.GetInt64(JournalKeys.AppendEndColumn));
        Assert.StartsWith("{\"v\":1,\"id\":", row.GetString(JournalKeys.EventColumn), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_append_that_stopped_part_way_is_invisible_and_a_retry_completes_it()
    {
        var user = "partial-" + Guid.NewGuid().ToString("N");
        var entries = JournalSamples.Entries(user, 1, 155);
        await Journal.AppendAsync(user, entries[..5]);

        // What a failed 150-entry append leaves behind when its first transaction committed and its second did not.
        var partition = JournalKeys.PartitionOf(user, _scope.Options.Partitions);
        var firstTransaction = entries[5..105].Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(
            partition, JournalKeys.RowKeyOf(user, e.Sequence))
        {
            [JournalKeys.UserIdColumn] = user,
            [JournalKeys.SequenceColumn] = e.Sequence,
            [JournalKeys.AppendEndColumn] = 155L,
            [JournalKeys.EventColumn] = JournalEventCodec.Encode(e.Event),
        }));
        await _scope.Table.SubmitTransactionAsync(firstTransaction);

        Assert.Equal(entries[..5], await Journal.ReadAllAsync(user));

        await Journal.AppendAsync(user, entries[5..]);
        Assert.Equal(entries, await Journal.ReadAllAsync(user));
    }
}
