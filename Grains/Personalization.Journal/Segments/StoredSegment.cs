namespace Personalization.Journal.Segments;

/// <summary>A segment as read from storage: its number and its parts' text, in part order.</summary>
public sealed record StoredSegment(long Number, IReadOnlyList<string> Parts)
{
    public IEnumerable<SegmentEntry> Entries => Parts.SelectMany(SegmentFormat.Decode);

    /// <summary>Whether the stored parts are exactly <paramref name="parts"/> (a retried insert whose first attempt landed).</summary>
    public bool Holds(IReadOnlyList<string> parts) => Parts.Count == parts.Count && Parts.SequenceEqual(parts, StringComparer.Ordinal);
}
