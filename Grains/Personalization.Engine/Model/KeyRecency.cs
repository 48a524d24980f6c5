namespace Personalization.Engine.Model;

/// <summary>
/// When each key of a bounded structure was last touched (a logical tick), so the coldest keys can be chosen for
/// eviction: the least recently touched first, ties broken by a caller's score (lowest first), then by key.
/// </summary>
public sealed class KeyRecency
{
    private readonly Dictionary<int, long> _lastTouched = [];

    public int Count => _lastTouched.Count;

    public bool Contains(int key) => _lastTouched.ContainsKey(key);

    public void Touch(int key, long tick) => _lastTouched[key] = tick;

    /// <summary>Registers a key restored from storage without making it warmer than it was (tick 0 when it is new).</summary>
    public void TouchRestored(int key) => _lastTouched.TryAdd(key, 0);

    public bool Remove(int key) => _lastTouched.Remove(key);

    /// <summary>The <paramref name="count"/> coldest keys, coldest first.</summary>
    public int[] Coldest(int count, Func<int, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (count <= 0) return [];
        var entries = new (long Tick, double Score, int Key)[_lastTouched.Count];
        var i = 0;
        foreach (var (key, tick) in _lastTouched) entries[i++] = (tick, score(key), key);
        Array.Sort(entries);
        return [.. entries.Take(count).Select(e => e.Key)];
    }
}
