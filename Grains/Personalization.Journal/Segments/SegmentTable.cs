using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Personalization.Journal.Segments;

/// <summary>
/// The segment layout's storage: PartitionKey <c>s{partition:D3}</c>, RowKey <c>{segment:D19}-{part:D2}</c>, the
/// part's text in <see cref="DataColumn"/> and, on part 0, the part count in <see cref="PartsColumn"/>. A segment's
/// parts are inserted in one entity-group transaction (all or nothing); an existing segment number fails the insert
/// (<see cref="SegmentTakenException"/>). Every operation is bounded by <see cref="JournalOptions.CommitTimeout"/>; transient failures
/// surface as <see cref="Personalization.Abstractions.StorageUnavailableException"/>.
/// </summary>
public sealed class SegmentTable : ISegmentStore
{
    public const string DataColumn = "Data";
    public const string PartsColumn = "Parts";

    private readonly TableClient _table;
    private readonly JournalOptions _options;
    private volatile bool _tableReady;

    public SegmentTable(TableServiceClient service, JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _table = service.GetTableClient(options.TableName);
    }

    public static string PartitionKeyOf(int partition) => "s" + partition.ToString("D3", CultureInfo.InvariantCulture);

    public static string RowKeyOf(long segment, int part) =>
        segment.ToString("D19", CultureInfo.InvariantCulture) + "-" + part.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Stores a new segment. Throws <see cref="SegmentTakenException"/> when the number is already stored.</summary>
    public Task InsertAsync(int partition, long segment, IReadOnlyList<string> parts) => GuardAsync("append", async token =>
    {
        var actions = new TableTransactionAction[parts.Count];
        for (var i = 0; i < parts.Count; i++) actions[i] = new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, segment, i, parts));
        using var span = JournalTracing.Source.StartActivity(JournalTracing.StorageInsert, ActivityKind.Client);
        span?.SetTag("db.system.name", "azure.tables");
        span?.SetTag("db.collection.name", _table.Name);
        span?.SetTag("db.operation.name", "insert_segment");
        span?.SetTag("journal.partition", partition);
        try
        {
            await _table.SubmitTransactionAsync(actions, token).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            throw new SegmentTakenException($"Journal segment {segment} of partition {partition} already exists.", ex);
        }
    });

    /// <summary>The stored segment, or null when it does not exist.</summary>
    public Task<StoredSegment?> ReadAsync(int partition, long segment) => GuardAsync("read", async token =>
    {
        var key = PartitionKeyOf(partition);
        var first = await _table.GetEntityIfExistsAsync<TableEntity>(key, RowKeyOf(segment, 0), cancellationToken: token).ConfigureAwait(false);
        if (!first.HasValue) return null;
        var parts = new List<string> { DataOf(first.Value!) };
        var count = first.Value!.GetInt32(PartsColumn) ?? 1;
        for (var i = 1; i < count; i++)
        {
            var part = await _table.GetEntityAsync<TableEntity>(key, RowKeyOf(segment, i), cancellationToken: token).ConfigureAwait(false);
            parts.Add(DataOf(part.Value));
        }

        return (StoredSegment?)new StoredSegment(segment, parts);
    });

    /// <summary>Every stored segment of the partition, ascending (one query).</summary>
    public async IAsyncEnumerable<StoredSegment> ScanAsync(int partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKeyOf(partition)}");
        long current = 0;
        var parts = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var number = SegmentOf(row.RowKey);
            if (number != current && parts.Count > 0)
            {
                yield return new StoredSegment(current, parts);
                parts = [];
            }

            current = number;
            parts.Add(DataOf(row));
        }

        if (parts.Count > 0) yield return new StoredSegment(current, parts);
    }

    /// <summary>Deletes whole segments (every part), in transactions of at most MaxBatch entities; missing ones are skipped.</summary>
    public Task DeleteAsync(int partition, IReadOnlyList<(long Segment, int Parts)> segments) => GuardAsync("delete", async token =>
    {
        var key = PartitionKeyOf(partition);
        var batch = new List<TableTransactionAction>();
        foreach (var (segment, parts) in segments)
        {
            if (batch.Count + parts > _options.MaxBatch && batch.Count > 0)
            {
                await TableDeletes.SubmitAsync(_table, batch, token).ConfigureAwait(false);
                batch.Clear();
            }

            for (var i = 0; i < parts; i++) batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(key, RowKeyOf(segment, i)), ETag.All));
        }

        if (batch.Count > 0) await TableDeletes.SubmitAsync(_table, batch, token).ConfigureAwait(false);
        return true;
    });

    /// <summary>Replaces a stored segment's parts with <paramref name="parts"/> (one transaction; surplus old parts are deleted).</summary>
    public Task RewriteAsync(int partition, long segment, int oldParts, IReadOnlyList<string> parts) => GuardAsync("rewrite", async token =>
    {
        var actions = new List<TableTransactionAction>();
        for (var i = 0; i < parts.Count; i++) actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, segment, i, parts)));
        for (var i = parts.Count; i < oldParts; i++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionKeyOf(partition), RowKeyOf(segment, i)), ETag.All));
        }

        await _table.SubmitTransactionAsync(actions, token).ConfigureAwait(false);
        return true;
    });

    private static TableEntity Entity(int partition, long segment, int part, IReadOnlyList<string> parts)
    {
        var entity = new TableEntity(PartitionKeyOf(partition), RowKeyOf(segment, part)) { [DataColumn] = parts[part] };
        if (part == 0) entity[PartsColumn] = parts.Count;
        return entity;
    }

    private static long SegmentOf(string rowKey) =>
        rowKey.Length >= 19 && long.TryParse(rowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidDataException($"'{rowKey}' is not a journal segment row key.");

    private static string DataOf(TableEntity row) =>
        row.GetString(DataColumn) ?? throw new InvalidDataException($"Journal segment row {row.RowKey} has no {DataColumn}.");

    private Task<bool> GuardAsync(string operation, Func<CancellationToken, Task> body) => GuardAsync(operation, async token =>
    {
        await body(token).ConfigureAwait(false);
        return true;
    });

    private async Task<T> GuardAsync<T>(string operation, Func<CancellationToken, Task<T>> body)
    {
        using var timeout = new CancellationTokenSource(_options.CommitTimeout);
        try
        {
            await EnsureTableAsync(timeout.Token).ConfigureAwait(false);
            return await body(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new Personalization.Abstractions.StorageUnavailableException(
                $"Journal storage did not answer ({operation}) within {_options.CommitTimeout.TotalSeconds:0.###} s.", _options.RetryAfter, ex);
        }
        catch (Exception ex) when (ex is not SegmentTakenException && StorageErrors.IsTransient(ex))
        {
            throw StorageErrors.Translate(ex, operation, _options.RetryAfter);
        }
    }

    /// <summary>Creates the table on first use (not at start: the silo must come up even while storage is down).</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_tableReady) return;
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        _tableReady = true;
    }
}
