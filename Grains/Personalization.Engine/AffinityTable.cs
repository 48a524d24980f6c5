namespace Personalization.Engine;

/// <summary>
/// Bounded top-K table of exponentially decayed affinities (artist or track → weight). When full, the entry with the
/// smallest absolute decayed weight is evicted, so strong likes and strong dislikes are the last to go.
/// Small linear arrays rather than a dictionary: K is at most a few hundred and memory per listener matters.
/// </summary>
public sealed class AffinityTable
{
    private readonly int _capacity;
    private readonly double _halfLifeMs;
    private Affinity[] _items;
    private int _count;

    public AffinityTable(int capacity, TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _capacity = capacity;
        _halfLifeMs = halfLife.TotalMilliseconds;
        _items = [];
    }

    public int Count => _count;

    public int Capacity => _capacity;

    /// <summary>Raw entries (weight as of each entry's stamp), for persistence.</summary>
    public ReadOnlySpan<Affinity> Entries => _items.AsSpan(0, _count);

    public double Decay(long fromMs, long toMs) => toMs <= fromMs ? 1.0 : Math.Pow(2, -(toMs - fromMs) / _halfLifeMs);

    public double Get(int id, long nowMs)
    {
        var i = IndexOf(id);
        return i < 0 ? 0 : _items[i].Weight * Decay(_items[i].StampMs, nowMs);
    }

    public void Add(int id, double delta, long nowMs)
    {
        nowMs = Affinity.Representable(nowMs); // decay to the stamp the entry keeps, so repeated adds lose nothing to rounding
        var i = IndexOf(id);
        if (i >= 0)
        {
            var current = _items[i];
            var stamp = Math.Max(current.StampMs, nowMs);
            _items[i] = new Affinity(id, (float)(current.Weight * Decay(current.StampMs, stamp) + delta), stamp);
            return;
        }

        Insert(new Affinity(id, (float)delta, nowMs), nowMs);
    }

    /// <summary>Restores one persisted entry as stored (used when loading a snapshot).</summary>
    public void Restore(Affinity entry) => Insert(entry, entry.StampMs);

    public void Remove(int id)
    {
        var i = IndexOf(id);
        if (i < 0) return;
        _count--;
        _items[i] = _items[_count];
    }

    public void Clear() => _count = 0;

    /// <summary>Up to <paramref name="n"/> entries by decayed weight, highest first (ties by id), as of <paramref name="nowMs"/>.</summary>
    public IReadOnlyList<(int Id, double Weight)> Top(int n, long nowMs, bool positiveOnly = false)
    {
        var list = new List<(int Id, double Weight)>(_count);
        for (var i = 0; i < _count; i++)
        {
            var w = _items[i].Weight * Decay(_items[i].StampMs, nowMs);
            if (!positiveOnly || w > 0) list.Add((_items[i].Id, w));
        }

        list.Sort(static (a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : a.Id.CompareTo(b.Id));
        if (list.Count > n) list.RemoveRange(n, list.Count - n);
        return list;
    }

    private void Insert(Affinity entry, long nowMs)
    {
        if (_count == _capacity)
        {
            var victim = 0;
            var smallest = double.MaxValue;
            for (var i = 0; i < _count; i++)
            {
                var w = Math.Abs(_items[i].Weight * Decay(_items[i].StampMs, nowMs));
                if (w < smallest)
                {
                    smallest = w;
                    victim = i;
                }
            }

            if (smallest > Math.Abs(entry.Weight)) return; // the newcomer is the weakest: keep the table as it is
            _items[victim] = entry;
            return;
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Min(_capacity, Math.Max(4, _items.Length * 2)));
        }

        _items[_count++] = entry;
    }

    private int IndexOf(int id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Id == id) return i;
        }

        return -1;
    }
}
