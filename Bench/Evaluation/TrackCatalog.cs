using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Evaluation;

/// <summary>
/// Every track known so far in a slice with its play count, and the most played ones kept incrementally (counts only
/// grow, so a track enters the top list when it passes its last entry). Ties: the more recently played track first.
/// Shared by MostPop, the back-fill of the baselines, and the coverage denominator.
/// </summary>
public sealed class TrackCatalog
{
    private readonly Dictionary<string, (int Count, long Stamp)> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _top = [];
    private readonly int _topSize;
    private long _stamp;

    public TrackCatalog(int topSize = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topSize, 1);
        _topSize = topSize;
    }

    public int Count => _counts.Count;

    /// <summary>Plays recorded so far (every event).</summary>
    public long TotalPlays { get; private set; }

    public IEnumerable<string> Tracks => _counts.Keys;

    /// <summary>The most played tracks, best first.</summary>
    public IReadOnlyList<string> Top => _top;

    public int PlaysOf(string track) => _counts.TryGetValue(track, out var c) ? c.Count : 0;

    public void Record(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        TotalPlays++;
        _counts.TryGetValue(e.ItemId, out var current);
        var updated = (current.Count + 1, ++_stamp);
        _counts[e.ItemId] = updated;

        var at = _top.IndexOf(e.ItemId);
        if (at < 0)
        {
            if (_top.Count == _topSize)
            {
                if (Before(_counts[_top[^1]], updated)) return;
                _top.RemoveAt(_top.Count - 1);
            }

            _top.Add(e.ItemId);
            at = _top.Count - 1;
        }

        while (at > 0 && Before(updated, _counts[_top[at - 1]]))
        {
            (_top[at - 1], _top[at]) = (_top[at], _top[at - 1]);
            at--;
        }
    }

    /// <summary>Appends the most played tracks not yet listed until <paramref name="list"/> holds <paramref name="count"/>.</summary>
    public void BackFill(List<string> list, int count)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Count >= count) return;
        var listed = new HashSet<string>(list, StringComparer.Ordinal);
        foreach (var track in _top)
        {
            if (list.Count >= count) break;
            if (listed.Add(track)) list.Add(track);
        }
    }

    private static bool Before((int Count, long Stamp) a, (int Count, long Stamp) b) =>
        a.Count != b.Count ? a.Count > b.Count : a.Stamp > b.Stamp;
}
