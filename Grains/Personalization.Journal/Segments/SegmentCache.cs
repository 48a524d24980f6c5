namespace Personalization.Journal.Segments;

/// <summary>
/// The most recently written or read segments' entries, bounded by their total characters; the oldest added leaves
/// first. Serves users' tails at activation (after a crash, mostly recent segments) without reading storage.
/// </summary>
public sealed class SegmentCache(long maxChars)
{
    private readonly Dictionary<long, SegmentEntry[]> _entries = [];
    private readonly Queue<long> _order = new();
    private long _chars;

    public int Count => _entries.Count;

    public void Add(long segment, IReadOnlyList<SegmentEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chars = Size(entries);
        if (chars > maxChars || _entries.ContainsKey(segment)) return;
        _entries[segment] = [.. entries];
        _order.Enqueue(segment);
        _chars += chars;
        while (_chars > maxChars && _order.TryDequeue(out var oldest)) Remove(oldest);
    }

    public bool TryGet(long segment, out SegmentEntry[] entries) => _entries.TryGetValue(segment, out entries!);

    /// <summary>Drops a segment (deleted or rewritten); a stale number left in the order queue is skipped later.</summary>
    public void Remove(long segment)
    {
        if (_entries.Remove(segment, out var entries)) _chars -= Size(entries);
    }

    private static long Size(IReadOnlyList<SegmentEntry> entries)
    {
        long chars = 0;
        foreach (var entry in entries) chars += entry.EncodedLength;
        return chars;
    }
}
