namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// A <c>$batch</c> response that could not be understood (no multipart body, a missing boundary, a sub-response that
/// is not HTTP, fewer or more sub-responses than actions). The transaction's outcome is unknown, so it is never taken
/// for a commit: the append fails (not as a transient error) and the caller must treat it as "maybe stored".
/// </summary>
public sealed class BatchResponseFormatException : Exception
{
    public BatchResponseFormatException()
        : this("The storage service's batch response could not be understood.")
    {
    }

    public BatchResponseFormatException(string message)
        : base(message)
    {
    }

    public BatchResponseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
