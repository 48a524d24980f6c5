using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// Checkpoints in one Azure table: partition = scope, one entity per part of an item (RowKey <c>key.part</c>; Azure refuses '#' in keys), each part
/// holding up to <see cref="PropertiesPerPart"/> binary properties of at most 64,000 bytes (Azure's limits: 64 KiB a
/// property, 1 MiB an entity). Every part carries the item's part count and a write stamp; a reader keeps an item only
/// when all its parts carry the same stamp, so an interrupted write loses that item's newest version at most, never
/// mixes two. Writes go in entity-group transactions (≤ 100 entities, ≤ 2.5 MB of data each, 4 MiB on the wire).
/// </summary>
public sealed class AzureTableModelCheckpointStore(TableServiceClient service, string tableName) : IModelCheckpointStore
{
    public const int PropertyBytes = 64_000;
    public const int PropertiesPerPart = 10;
    private const int PartBytes = PropertyBytes * PropertiesPerPart;
    private const int MaxBatchEntities = 100;
    private const long MaxBatchBytes = 2_500_000; // raw bytes: binary travels base64-encoded, and a transaction carries at most 4 MiB
    private readonly TableClient _table = service.GetTableClient(tableName);
    private readonly ConcurrentDictionary<(string Scope, string Key), int> _knownParts = new();
    private Task? _created;

    public Task<IReadOnlyList<CheckpointItem>> ReadAsync(string scope, CancellationToken cancellationToken = default) =>
        QueryAsync(scope, TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken);

    public async Task<CheckpointItem?> ReadItemAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        var from = key + ".";
        var to = key + "/"; // '/' follows '.': every part of the key and nothing else
        var items = await QueryAsync(scope, TableClient.CreateQueryFilter($"PartitionKey eq {scope} and RowKey ge {from} and RowKey lt {to}"), cancellationToken);
        return items.Count > 0 ? items[0] : null;
    }

    private async Task<IReadOnlyList<CheckpointItem>> QueryAsync(string scope, string filter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var parts = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var (key, _) = SplitRowKey(entity.RowKey);
            if (!parts.TryGetValue(key, out var list)) parts[key] = list = [];
            list.Add(entity);
        }

        var items = new List<CheckpointItem>(parts.Count);
        foreach (var (key, list) in parts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            _knownParts[(scope, key)] = list.Count;
            if (Assemble(list) is { } data) items.Add(new CheckpointItem(key, data));
        }

        return items;
    }

    public async Task<CheckpointWrite> WriteAsync(string scope, IReadOnlyList<CheckpointItem> items, IReadOnlyList<string> deletes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(deletes);
        await EnsureTableAsync(cancellationToken);
        var actions = new List<(TableTransactionAction Action, long Bytes)>();
        var stamp = DateTimeOffset.UtcNow.UtcTicks;
        foreach (var item in items)
        {
            var count = Math.Max(1, (item.Data.Length + PartBytes - 1) / PartBytes);
            for (var p = 0; p < count; p++)
            {
                var entity = new TableEntity(scope, RowKey(item.Key, p)) { ["Parts"] = count, ["Stamp"] = stamp };
                var from = p * PartBytes;
                var length = Math.Min(PartBytes, item.Data.Length - from);
                for (var i = 0; i * PropertyBytes < length; i++)
                {
                    entity["D" + i.ToString("D2", CultureInfo.InvariantCulture)] = item.Data.AsSpan(from + i * PropertyBytes, Math.Min(PropertyBytes, length - i * PropertyBytes)).ToArray();
                }

                actions.Add((new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), length));
            }

            var known = _knownParts.GetValueOrDefault((scope, item.Key));
            for (var p = count; p < known; p++) actions.Add((Delete(scope, RowKey(item.Key, p)), 0)); // the item shrank
            _knownParts[(scope, item.Key)] = count;
        }

        foreach (var key in deletes)
        {
            if (!_knownParts.TryRemove((scope, key), out var known)) continue; // never seen here: nothing to delete
            for (var p = 0; p < known; p++) actions.Add((Delete(scope, RowKey(key, p)), 0));
        }

        var write = default(CheckpointWrite);
        var batch = new List<TableTransactionAction>(MaxBatchEntities);
        long batchBytes = 0;
        foreach (var (action, bytes) in actions)
        {
            if (batch.Count == MaxBatchEntities || (batch.Count > 0 && batchBytes + bytes > MaxBatchBytes))
            {
                write += await SubmitAsync(batch, batchBytes, cancellationToken);
                batch = new List<TableTransactionAction>(MaxBatchEntities);
                batchBytes = 0;
            }

            batch.Add(action);
            batchBytes += bytes;
        }

        if (batch.Count > 0) write += await SubmitAsync(batch, batchBytes, cancellationToken);
        return write;
    }

    private async Task<CheckpointWrite> SubmitAsync(List<TableTransactionAction> batch, long bytes, CancellationToken cancellationToken)
    {
        await _table.SubmitTransactionAsync(batch, cancellationToken);
        return new CheckpointWrite(1, bytes);
    }

    private static TableTransactionAction Delete(string scope, string rowKey) =>
        new(TableTransactionActionType.Delete, new TableEntity(scope, rowKey) { ETag = ETag.All });

    private static byte[]? Assemble(List<TableEntity> parts)
    {
        var first = parts.FirstOrDefault(e => SplitRowKey(e.RowKey).Part == 0);
        if (first is null || first.GetInt32("Parts") is not int count || first.GetInt64("Stamp") is not long stamp) return null;
        var ordered = new TableEntity[count];
        foreach (var e in parts)
        {
            var part = SplitRowKey(e.RowKey).Part;
            if (part < count && e.GetInt64("Stamp") == stamp) ordered[part] = e;
        }

        if (ordered.Any(e => e is null)) return null; // interrupted write: this item's parts disagree
        using var data = new MemoryStream();
        foreach (var e in ordered)
        {
            for (var i = 0; e.GetBinary("D" + i.ToString("D2", CultureInfo.InvariantCulture)) is { } chunk; i++) data.Write(chunk);
        }

        return data.ToArray();
    }

    private static string RowKey(string key, int part) => key + "." + part.ToString("D3", CultureInfo.InvariantCulture);

    private static (string Key, int Part) SplitRowKey(string rowKey)
    {
        var at = rowKey.LastIndexOf('.');
        return at < 0 || !int.TryParse(rowKey.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var part)
            ? (rowKey, -1)
            : (rowKey[..at], part);
    }

    /// <summary>Creates the table once; a failed creation is tried again by the next call.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            var attempt = _table.CreateIfNotExistsAsync(CancellationToken.None);
            created = Interlocked.CompareExchange(ref _created, attempt, created) == created ? attempt : Volatile.Read(ref _created)!;
        }

        await created.WaitAsync(cancellationToken);
    }
}
