namespace Personalization.Grains.Journal;

/// <summary>
/// An append met a different event already stored at one of its sequences: another activation of the same user wrote
/// first (a duplicate activation during a membership change). Nothing of the append was stored. The appending
/// activation is stale and must rebuild from storage before it writes again.
/// </summary>
public sealed class JournalConflictException : Exception
{
    public JournalConflictException()
        : this("Another writer holds this journal sequence.")
    {
    }

    public JournalConflictException(string message)
        : base(message)
    {
    }

    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The row that was taken, when known.</summary>
    public string? RowKey { get; init; }
}
