using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Personalization.Grains.Journal.Direct;

namespace Personalization.Grains.Journal;

/// <summary>
/// The durable journal on Azure Table storage (layout: <see cref="JournalKeys"/>). Appends go through the silo's
/// <see cref="GroupCommitWriter"/>, so many users' events share entity-group transactions; writes are upserts, so a
/// retried append is idempotent. Reads are one range query per user and return only complete appends: an append
/// larger than one transaction is written in order, and its rows count only once its last row (AppendEnd) exists.
/// Every transient storage failure surfaces as <see cref="Personalization.Abstractions.StorageUnavailableException"/>.
/// Append transactions go through <see cref="DirectBatchTransport"/> or the SDK (<see cref="JournalOptions.Transport"/>);
/// everything else (reads, deletes, conflict re-reads and re-writes) through the SDK.
/// </summary>
public sealed class AzureTableEventJournal : IEventJournal, IAsyncDisposable
{
    private readonly TableClient _table;
    private readonly JournalOptions _options;
    private readonly GroupCommitWriter _writer;
    private readonly DirectBatchTransport? _direct;
    private volatile bool _tableReady;

    public AzureTableEventJournal(TableServiceClient service, JournalOptions options, JournalCounters counters, ILogger<AzureTableEventJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _table = service.GetTableClient(options.TableName);
        _direct = DirectBatchTransport.For(service, _table, options);
        _writer = new GroupCommitWriter(SubmitAsync, options, counters, logger);
    }

    public JournalCounters Counters => _writer.Counters;

    /// <summary>How append transactions are sent: <see cref="JournalOptions.DirectTransport"/> or <see cref="JournalOptions.SdkTransport"/>.</summary>
    public string Transport => _direct is null ? JournalOptions.SdkTransport : JournalOptions.DirectTransport;

    /// <summary>A service client whose retries and timeouts fit inside <see cref="JournalOptions.CommitTimeout"/>.</summary>
    public static TableServiceClient CreateServiceClient(string connectionString, JournalOptions options) =>
        new(connectionString, ClientOptions(options));

    /// <summary>A client for <see cref="JournalOptions.ConnectionString"/>, or for <see cref="JournalOptions.ServiceUri"/> with DefaultAzureCredential.</summary>
    public static TableServiceClient CreateServiceClient(JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.ServiceUri, new Azure.Identity.DefaultAzureCredential(), ClientOptions(options))
            : CreateServiceClient(options.ConnectionString, options);
    }

    private static TableClientOptions ClientOptions(JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = options.CommitTimeout;
        return clientOptions;
    }

    public async Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateAppend(userId, entries);
        var partition = JournalKeys.PartitionOf(userId, _options.Partitions);
        var last = entries[^1].Sequence;
        var actions = new TableTransactionAction[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entity = new TableEntity(partition, JournalKeys.RowKeyOf(userId, entries[i].Sequence))
            {
                [JournalKeys.UserIdColumn] = userId,
                [JournalKeys.SequenceColumn] = entries[i].Sequence,
                [JournalKeys.AppendEndColumn] = last,
                [JournalKeys.EventColumn] = JournalEventCodec.Encode(entries[i].Event),
            };
            // Insert, not upsert: a sequence already taken by another writer fails the append instead of replacing it.
            actions[i] = new TableTransactionAction(TableTransactionActionType.Add, entity);
        }

        return await _writer.EnqueueAsync(new PendingAppend(partition, actions, last), cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(
        string userId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = Guard(TailAsync(userId, afterSequence, cancellationToken), "read", cancellationToken);
        var group = new List<JournalEntry>();
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var sequence = row.GetInt64(JournalKeys.SequenceColumn) ?? throw new InvalidDataException($"Journal row {row.RowKey} has no sequence.");
            var end = row.GetInt64(JournalKeys.AppendEndColumn) ?? sequence;
            var expected = group.Count > 0 ? group[^1].Sequence + 1 : sequence;
            if (sequence != expected || end < sequence) group.Clear(); // rows of an append that never completed
            group.Add(new JournalEntry(sequence, JournalEventCodec.Decode(row.GetString(JournalKeys.EventColumn))));
            if (sequence != end) continue;
            foreach (var entry in group) yield return entry;
            group.Clear();
        }
    }

    public Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default) =>
        DeleteRangeAsync(userId, sequence, cancellationToken);

    /// <summary>
    /// Deletes the rows of (afterSequence, throughSequence] by key: no range query (on Azurite a query scans the whole
    /// table). Falls back to the query while a partition-count change drains (the rows may be in either layout) or for
    /// a range longer than <see cref="MaxKeyedTruncation"/>.
    /// </summary>
    public async Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default)
    {
        JournalKeys.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        if (throughSequence <= afterSequence) return;
        if (_options.PreviousPartitions is not null || throughSequence - afterSequence > MaxKeyedTruncation)
        {
            await DeleteRangeAsync(userId, throughSequence, cancellationToken).ConfigureAwait(false);
            return;
        }

        var partition = JournalKeys.PartitionOf(userId, _options.Partitions);
        var keys = Enumerable.Range(0, (int)(throughSequence - afterSequence))
            .Select(i => new TableEntity(partition, JournalKeys.RowKeyOf(userId, afterSequence + 1 + i)));
        await DeleteRowsAsync([keys.ToAsyncEnumerable()], ensureTable: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The longest range <see cref="TruncateRangeAsync"/> deletes by key (longer ones are read first).</summary>
    public const int MaxKeyedTruncation = 10_000;

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) =>
        DeleteRangeAsync(userId, long.MaxValue, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _direct?.Dispose();
    }

    // A transaction holds one partition's rows: each partition the user's rows may be in is deleted on its own.
    private Task DeleteRangeAsync(string userId, long throughSequence, CancellationToken cancellationToken) =>
        DeleteRowsAsync(
            [.. PartitionsOf(userId).Select(p => QueryAsync(p, userId, 0, throughSequence, ["PartitionKey", "RowKey"], cancellationToken))],
            ensureTable: false, cancellationToken);

    /// <summary>Deletes the rows of each sequence (all of one partition) in transactions of at most MaxBatch rows.</summary>
    private async Task DeleteRowsAsync(IReadOnlyList<IAsyncEnumerable<ITableEntity>> partitions, bool ensureTable, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>(_options.MaxBatch);
        try
        {
            if (ensureTable) await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            foreach (var rows in partitions)
            {
                await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
                    if (batch.Count < _options.MaxBatch) continue;
                    await TableDeletes.SubmitAsync(_table, batch, cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }

                if (batch.Count > 0) await TableDeletes.SubmitAsync(_table, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StorageErrors.IsTransient(ex))
        {
            throw StorageErrors.Translate(ex, "delete", _options.RetryAfter);
        }
    }

    /// <summary>
    /// The partitions the user's rows may be in: the current layout's, and while a change of
    /// <see cref="JournalOptions.Partitions"/> drains, the one under <see cref="JournalOptions.PreviousPartitions"/>.
    /// </summary>
    private IEnumerable<string> PartitionsOf(string userId)
    {
        var current = JournalKeys.PartitionOf(userId, _options.Partitions);
        yield return current;
        if (_options.PreviousPartitions is { } previous && JournalKeys.PartitionOf(userId, previous) is var old && old != current) yield return old;
    }

    /// <summary>The user's rows after <paramref name="afterSequence"/> in sequence order, from every partition they may be in.</summary>
    private async IAsyncEnumerable<TableEntity> TailAsync(string userId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partitions = PartitionsOf(userId).ToList();
        if (partitions.Count == 1)
        {
            await foreach (var row in QueryAsync(partitions[0], userId, afterSequence, long.MaxValue, select: null, cancellationToken).ConfigureAwait(false)) yield return row;
            yield break;
        }

        // Row keys order by sequence (fixed-width), so both partitions' rows merge by row key into one tail.
        var rows = new SortedDictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            await foreach (var row in QueryAsync(partition, userId, afterSequence, long.MaxValue, select: null, cancellationToken).ConfigureAwait(false))
            {
                rows.TryAdd(row.RowKey, row);
            }
        }

        foreach (var row in rows.Values) yield return row;
    }

    /// <summary>The user's rows in one partition with afterSequence &lt; sequence ≤ throughSequence, in sequence order.</summary>
    private async IAsyncEnumerable<TableEntity> QueryAsync(
        string partition, string userId, long afterSequence, long throughSequence, IEnumerable<string>? select, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JournalKeys.ValidateUserId(userId);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var from = JournalKeys.RowKeyOf(userId, Math.Max(afterSequence, 0));
        var through = JournalKeys.RowKeyOf(userId, throughSequence);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {from} and RowKey le {through} and UserId eq {userId}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    /// <summary>Creates the table on first use (not at start: the silo must come up even while storage is down).</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_tableReady) return;
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        _tableReady = true;
    }

    /// <summary>
    /// Submits one transaction of inserts. A row that already exists fails the whole transaction (409): if it holds the
    /// same event (a retried append whose first commit landed) it is rewritten idempotently and the transaction is
    /// submitted again; if it holds another event, <see cref="JournalConflictException"/> names the row so the writer
    /// fails only the append that owns it.
    /// </summary>
    private async Task SubmitAsync(IReadOnlyList<TableTransactionAction> transaction, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var actions = transaction.ToArray();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SubmitOnceAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is { } index && attempt < actions.Length)
            {
                var mine = (TableEntity)actions[index].Entity;
                var stored = await _table.GetEntityIfExistsAsync<TableEntity>(mine.PartitionKey, mine.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (stored.HasValue && stored.Value!.GetString(JournalKeys.EventColumn) != mine.GetString(JournalKeys.EventColumn))
                {
                    throw new JournalConflictException($"Journal row {mine.RowKey} already holds another event.", ex) { RowKey = mine.RowKey };
                }

                actions[index] = new TableTransactionAction(TableTransactionActionType.UpsertReplace, mine);
            }
        }
    }

    /// <summary>Inserts go through the direct transport when it is on; a transaction holding a re-write (after a conflict) through the SDK.</summary>
    private async Task SubmitOnceAsync(TableTransactionAction[] actions, CancellationToken cancellationToken)
    {
        if (_direct is not null && BatchRequestWriter.CanWrite(actions))
        {
            await _direct.SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Enumerates <paramref name="source"/>, turning transient failures into StorageUnavailableException.</summary>
    private async IAsyncEnumerable<T> Guard<T>(IAsyncEnumerable<T> source, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var e = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await e.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StorageErrors.IsTransient(ex))
            {
                throw StorageErrors.Translate(ex, operation, _options.RetryAfter);
            }

            yield return e.Current;
        }
    }
}
