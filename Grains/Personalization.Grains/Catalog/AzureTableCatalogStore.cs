using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Personalization.Abstractions.Catalog;

namespace Personalization.Grains.Catalog;

/// <summary>
/// The catalogue in one Azure table: PartitionKey = the catalogue partition (<c>p0</c>..), RowKey = the track id (the
/// id rule's characters are all allowed in keys), the cached facts as columns and the full entry as JSON. Writes go in
/// entity-group transactions of up to 100 rows; a takedown merges the facts and leaves the entry.
/// </summary>
public sealed class AzureTableCatalogStore(TableServiceClient service, string tableName) : ICatalogStore
{
    private const int MaxBatchEntities = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(tableName);
    private Task? _created;

    public async Task<IReadOnlyList<StoredTrack>> ReadAsync(int partition, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var rows = new List<StoredTrack>();
        var key = PartitionKey(partition);
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken))
        {
            var facts = new CatalogFacts(
                e.RowKey,
                e.GetString("Artist") ?? "",
                e.GetString("Markets") ?? Markets.All,
                e.GetBoolean("Explicit") ?? false,
                e.GetInt32("ReleaseDay") ?? -1,
                e.GetBoolean("Deleted") ?? false);
            var entry = e.GetString("Entry") is { Length: > 0 } json ? JsonSerializer.Deserialize<CatalogEntry>(json, Json) : null;
            rows.Add(new StoredTrack(facts, entry));
        }

        return rows;
    }

    public async Task WriteAsync(int partition, IReadOnlyList<StoredTrack> tracks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        await EnsureTableAsync(cancellationToken);
        var key = PartitionKey(partition);
        foreach (var chunk in tracks.DistinctBy(t => t.Facts.TrackId).Chunk(MaxBatchEntities))
        {
            var actions = chunk.Select(t =>
            {
                var entity = new TableEntity(key, t.Facts.TrackId)
                {
                    ["Artist"] = t.Facts.ArtistId,
                    ["Markets"] = t.Facts.Markets,
                    ["Explicit"] = t.Facts.Explicit,
                    ["ReleaseDay"] = t.Facts.ReleaseDay,
                    ["Deleted"] = t.Facts.Deleted,
                };
                if (t.Entry is not null) entity["Entry"] = JsonSerializer.Serialize(t.Entry, Json);
                return new TableTransactionAction(t.Entry is null ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, entity);
            });
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private static string PartitionKey(int partition) => "p" + partition.ToString(CultureInfo.InvariantCulture);

    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is { IsCompletedSuccessfully: true }) return created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, created);
        }

        return created;
    }
}
