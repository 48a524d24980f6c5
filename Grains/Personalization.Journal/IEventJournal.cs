namespace Personalization.Journal;

/// <summary>
/// A per-user, append-only log of applied events, keyed by the user's sequence number (1, 2, 3, ...: the count of
/// applied events, <c>ListenerState.Sequence</c>). Activation = snapshot + <see cref="ReadAfterAsync"/> of the tail.
/// </summary>
public interface IEventJournal
{
    /// <summary>
    /// Stores <paramref name="entries"/> (consecutive ascending sequences, at least one) and completes only once they
    /// are durably committed, with the last sequence stored. All or nothing for readers: an append that fails is never
    /// partly visible to <see cref="ReadAfterAsync"/>. Failure is ambiguous (the commit may have happened without its
    /// confirmation arriving); re-appending the same (user, sequence) entries is idempotent.
    /// </summary>
    /// <exception cref="Personalization.Abstractions.StorageUnavailableException">Storage did not confirm in time (transient).</exception>
    Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user's entries with a sequence greater than <paramref name="afterSequence"/>, in ascending order. A journal
    /// that knows a newer snapshot covers entries after <paramref name="afterSequence"/> throws
    /// <see cref="JournalSnapshotBehindException"/> before yielding anything (the caller reads its snapshot again).
    /// </summary>
    IAsyncEnumerable<JournalEntry> ReadAfterAsync(string userId, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Compaction: deletes the user's entries up to and including <paramref name="sequence"/> (once a snapshot covers them).</summary>
    Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compaction when the caller knows that entries up to <paramref name="afterSequence"/> are already gone (its own
    /// previous compaction succeeded): deletes the entries in (<paramref name="afterSequence"/>, <paramref name="throughSequence"/>]
    /// by key, without a query. Entries of the range that do not exist are skipped.
    /// </summary>
    Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default);

    /// <summary>Deletes all of the user's entries.</summary>
    Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default);
}
