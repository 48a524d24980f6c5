namespace Personalization.Journal;

/// <summary>
/// A journal partition writer could not start on this silo because the silo is shutting down: the caller sends the
/// call again and it is placed on another silo.
/// </summary>
[GenerateSerializer, Alias("pzn.JournalWriterMovingException.v1")]
public sealed class JournalWriterMovingException : Exception
{
    public JournalWriterMovingException()
        : this("The journal partition writer is moving off a silo that shuts down.")
    {
    }

    public JournalWriterMovingException(string message)
        : base(message)
    {
    }

    public JournalWriterMovingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
