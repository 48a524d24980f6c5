namespace Personalization.Journal;

/// <summary>
/// An append's first sequence does not follow the user's last committed one: another activation of the same user wrote
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
}
