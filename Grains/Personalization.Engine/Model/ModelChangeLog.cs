namespace Personalization.Engine.Model;

/// <summary>
/// Versioned log of which keys a learner republished, so that readers pull only what changed since their last version.
/// Compacted to the latest entry per key when it grows, which keeps it bounded by the number of keys.
/// </summary>
/// <param name="isHeld">Whether the learner still holds a key; without it nothing is ever dropped.</param>
/// <param name="removalRetention">Versions an eviction's entry stays in the log (default <see cref="DefaultRemovalRetention"/>).</param>
public sealed class ModelChangeLog(Func<ChangeKind, int, bool>? isHeld = null, long removalRetention = ModelChangeLog.DefaultRemovalRetention)
{
    private const int CompactionSlack = 4096;
    private List<Entry> _entries = [];
    private int _keptByLastCompaction;
    private long _trendingVersion;

    public long Version { get; private set; }

    public int EntryCount => _entries.Count;

    public void Record(ModelDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.IsEmpty) return;
        var v = ++Version;
        foreach (var (track, _) in delta.Successors) Add(v, ChangeKind.Successors, track);
        foreach (var (artist, _) in delta.ArtistTops) Add(v, ChangeKind.ArtistTop, artist);
        foreach (var (track, _) in delta.TrackArtists) Add(v, ChangeKind.TrackArtist, track);
        foreach (var track in delta.RemovedTracks) Add(v, ChangeKind.TrackArtist, track);
        if (delta.Trending is not null || delta.Popular is not null) _trendingVersion = v;
        if (_entries.Count > (2 * _keptByLastCompaction) + CompactionSlack) Compact(); // amortized: the log at least doubled
    }

    /// <summary>Records sources whose published successor lists changed without a delta (they entered or left a head).</summary>
    public void RecordSuccessors(IReadOnlyCollection<int> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0) return;
        var v = ++Version;
        foreach (var source in sources) Add(v, ChangeKind.Successors, source);
        if (_entries.Count > (2 * _keptByLastCompaction) + CompactionSlack) Compact();
    }

    /// <summary>
    /// Keys changed after <paramref name="afterVersion"/>, stopping at a version boundary once <paramref name="maxKeys"/>
    /// are collected. Returns the version to resume from and whether more changes remain.
    /// </summary>
    public ChangeSet Since(long afterVersion, int maxKeys)
    {
        var keys = new List<(ChangeKind Kind, int Key)>();
        var seen = new HashSet<(ChangeKind, int)>();
        var i = FirstAfter(afterVersion);
        var upTo = afterVersion;
        while (i < _entries.Count)
        {
            var v = _entries[i].Version;
            if (keys.Count >= maxKeys) break;
            for (; i < _entries.Count && _entries[i].Version == v; i++)
            {
                var key = (_entries[i].Kind, _entries[i].Key);
                if (seen.Add(key)) keys.Add(key);
            }

            upTo = v;
        }

        var hasMore = i < _entries.Count;
        if (!hasMore) upTo = Version;
        return new ChangeSet(upTo, hasMore, keys, _trendingVersion > afterVersion);
    }

    private void Add(long version, ChangeKind kind, int key)
    {
        _entries.Add(new Entry(version, kind, key));
    }

    private int FirstAfter(long version)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_entries[mid].Version <= version) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    /// <summary>
    /// Keeps the latest entry per key. The entry of a key its learner no longer holds (an eviction) is kept for
    /// <c>removalRetention</c> versions, long enough for every reader to pull it, and then dropped: a reader
    /// starting over does not need it, so the log stays bounded by the keys held, not by every key ever evicted.
    /// </summary>
    private void Compact()
    {
        var latest = new Dictionary<(ChangeKind, int), int>(_keptByLastCompaction); // key → index of its last entry
        for (var i = 0; i < _entries.Count; i++) latest[(_entries[i].Kind, _entries[i].Key)] = i;
        var kept = new List<Entry>(latest.Count);
        for (var i = 0; i < _entries.Count; i++)
        {
            // In log order (versions ascending), so nothing needs sorting: each key's last entry, where it was.
            var e = _entries[i];
            if (latest[(e.Kind, e.Key)] != i) continue;
            if (isHeld is not null && e.Version < Version - removalRetention && !isHeld(e.Kind, e.Key)) continue;
            kept.Add(e);
        }

        _entries = kept;
        _keptByLastCompaction = _entries.Count;
    }

    /// <summary>Versions an eviction's entry stays in the log (a reader pulls every second; a learner makes a few versions a second).</summary>
    public const long DefaultRemovalRetention = 100_000;

    private readonly record struct Entry(long Version, ChangeKind Kind, int Key);

    public sealed record ChangeSet(long Version, bool HasMore, IReadOnlyList<(ChangeKind Kind, int Key)> Keys, bool TrendingChanged);
}
