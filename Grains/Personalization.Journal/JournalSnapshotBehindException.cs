namespace Personalization.Journal;

/// <summary>
/// A tail was asked for after a sequence that a newer snapshot already covers: the asker read its snapshot before
/// another activation of the user wrote a newer one (a hand-over during a membership change), and the entries between
/// may be deleted. The asker reads the snapshot again; nothing was read or applied.
/// </summary>
public sealed class JournalSnapshotBehindException : Exception
{
    public JournalSnapshotBehindException()
        : this("A newer snapshot covers the journal beyond the sequence asked for.")
    {
    }

    public JournalSnapshotBehindException(string message)
        : base(message)
    {
    }

    public JournalSnapshotBehindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How far the newer snapshot covers the log.</summary>
    public long CoveredThrough { get; init; }
}
