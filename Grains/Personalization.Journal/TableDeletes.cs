using Azure;
using Azure.Data.Tables;

namespace Personalization.Journal;

/// <summary>Delete transactions of the journal's table.</summary>
internal static class TableDeletes
{
    /// <summary>Deletes in one transaction; rows deleted meanwhile (404 fails the whole transaction) are then deleted one by one.</summary>
    public static async Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            foreach (var action in batch)
            {
                await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
