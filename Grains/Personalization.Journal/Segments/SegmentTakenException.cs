namespace Personalization.Journal.Segments;

/// <summary>The segment number is already stored (by another writer of the partition, or by an earlier attempt of this one).</summary>
public sealed class SegmentTakenException : Exception
{
    public SegmentTakenException()
        : this("The journal segment already exists.")
    {
    }

    public SegmentTakenException(string message)
        : base(message)
    {
    }

    public SegmentTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
