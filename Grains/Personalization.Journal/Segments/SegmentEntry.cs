namespace Personalization.Journal.Segments;

/// <summary>One journaled event inside a segment: whose, at which sequence of that user's log, and its stored JSON.</summary>
public sealed record SegmentEntry(string UserId, long Sequence, string Event)
{
    /// <summary>Characters the entry takes in a segment part (its line).</summary>
    public int EncodedLength => SegmentFormat.EncodedLength(UserId, Event);
}
