namespace Personalization.Engine;

/// <summary>
/// Bounded top-K table of exponentially decayed affinities (artist or track → weight). When full, the entry with the
/// smallest absolute decayed weight is evicted, so strong likes and strong dislikes are the last to go.
/// Small linear arrays rather than a dictionary: K is at most a few hundred and memory per listener matters.
/// Every weight is kept as of one stamp, the table's (8 bytes an entry: id and weight): exponential decay multiplies
/// every weight by the same factor, so an add after the stamp decays the others to it first, an add before it decays
/// its delta to it, and a read decays by one factor. The stamp is a whole second (<see cref="Affinity.Representable"/>),
/// which is nothing to a half-life of days. A struct held inside <see cref="ListenerState"/>; use it through a reference.
/// </summary>
public struct AffinityTable
{
    private readonly int _capacity;
    private readonly double _halfLifeMs;
    private Entry[] _items;
    private int _count;
    private long _stampMs;

    public AffinityTable(int capacity, TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _capacity = capacity;
        _halfLifeMs = halfLife.TotalMilliseconds;
        _items = [];
    }

    public readonly int Count => _count;

    public readonly int Capacity => _capacity;

    /// <summary>The time every weight is kept as of (0 while the table is empty).</summary>
    public readonly long StampMs => _count == 0 ? 0 : _stampMs;

    /// <summary>The entries (each weight as of <see cref="StampMs"/>), for persistence: a copy.</summary>
    public readonly Affinity[] Entries
    {
        get
        {
            var result = new Affinity[_count];
            for (var i = 0; i < _count; i++) result[i] = new Affinity(_items[i].Id, _items[i].Weight, _stampMs);
            return result;
        }
    }

    /// <summary>The ids held, in no order.</summary>
    public readonly void CollectIds(ISet<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        for (var i = 0; i < _count; i++) ids.Add(_items[i].Id);
    }

    public readonly double Decay(long fromMs, long toMs) => toMs <= fromMs ? 1.0 : Math.Pow(2, -(toMs - fromMs) / _halfLifeMs);

    public readonly double Get(int id, long nowMs)
    {
        var i = IndexOf(id);
        return i < 0 ? 0 : _items[i].Weight * Decay(_stampMs, nowMs);
    }

    public void Add(int id, double delta, long nowMs) => Put(id, delta, Affinity.Representable(nowMs));

    /// <summary>Restores one persisted entry (its weight as of its own stamp; used when loading a snapshot).</summary>
    public void Restore(Affinity entry) => Put(entry.Id, entry.Weight, entry.StampMs, restoring: true);

    public void Remove(int id)
    {
        var i = IndexOf(id);
        if (i < 0) return;
        _count--;
        _items[i] = _items[_count];
    }

    public void Clear() => _count = 0;

    /// <summary>Up to <paramref name="n"/> entries by decayed weight, highest first (ties by id), as of <paramref name="nowMs"/>.</summary>
    public readonly IReadOnlyList<(int Id, double Weight)> Top(int n, long nowMs, bool positiveOnly = false)
    {
        var factor = Decay(_stampMs, nowMs); // one factor for all: the order is the stored weights' order
        var list = new List<(int Id, double Weight)>(_count);
        for (var i = 0; i < _count; i++)
        {
            var w = _items[i].Weight * factor;
            if (!positiveOnly || w > 0) list.Add((_items[i].Id, w));
        }

        list.Sort(static (a, b) => b.Weight != a.Weight ? b.Weight.CompareTo(a.Weight) : a.Id.CompareTo(b.Id));
        if (list.Count > n) list.RemoveRange(n, list.Count - n);
        return list;
    }

    /// <summary>
    /// Adds <paramref name="delta"/> as of <paramref name="atMs"/>: the table's weights move to a later stamp first, or the
    /// delta decays to the table's stamp. A restored entry is placed as stored (a new entry, never a sum).
    /// </summary>
    private void Put(int id, double delta, long atMs, bool restoring = false)
    {
        if (_count == 0) _stampMs = atMs;
        else if (atMs > _stampMs) MoveStamp(atMs);
        else delta *= Decay(atMs, _stampMs);

        var i = restoring ? -1 : IndexOf(id);
        if (i >= 0)
        {
            _items[i] = new Entry(id, (float)(_items[i].Weight + delta));
            return;
        }

        Insert(new Entry(id, (float)delta));
    }

    private void MoveStamp(long toMs)
    {
        var factor = Decay(_stampMs, toMs);
        for (var i = 0; i < _count; i++) _items[i] = new Entry(_items[i].Id, (float)(_items[i].Weight * factor));
        _stampMs = toMs;
    }

    private void Insert(Entry entry)
    {
        if (_count == _capacity)
        {
            var victim = 0;
            var smallest = float.MaxValue;
            for (var i = 0; i < _count; i++)
            {
                var w = Math.Abs(_items[i].Weight); // all as of one stamp: comparing stored weights compares decayed ones
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

    private readonly int IndexOf(int id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Id == id) return i;
        }

        return -1;
    }

    private readonly record struct Entry(int Id, float Weight);
}
