namespace Personalization.Journal;

/// <summary>
/// What the silo's journal did: segment transactions of the partition writers on it, appends of its user grains.
/// Thread-safe, monotonic.
/// </summary>
public sealed class JournalCounters
{
    private long _transactions;
    private long _failedTransactions;
    private long _entities;
    private long _appends;
    private long _failedAppends;

    /// <summary>Entity-group transactions submitted (committed or not).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public long FailedTransactions => Interlocked.Read(ref _failedTransactions);

    /// <summary>Entities in committed transactions.</summary>
    public long EntitiesWritten => Interlocked.Read(ref _entities);

    /// <summary>Appends (caller requests) acknowledged after their commit.</summary>
    public long AppendsAcknowledged => Interlocked.Read(ref _appends);

    public long AppendsFailed => Interlocked.Read(ref _failedAppends);

    internal void TransactionSubmitted() => Interlocked.Increment(ref _transactions);

    internal void TransactionCommitted(int entities) => Interlocked.Add(ref _entities, entities);

    internal void TransactionFailed() => Interlocked.Increment(ref _failedTransactions);

    internal void AppendAcknowledged() => Interlocked.Increment(ref _appends);

    internal void AppendFailed() => Interlocked.Increment(ref _failedAppends);
}
