namespace Personalization.Engine;

/// <summary>
/// Bounded ring of the most recent steps, oldest first when enumerated. Its array grows with the history up to the
/// capacity (a listener with few steps holds few), then the oldest step is overwritten. A struct held inside
/// <see cref="ListenerState"/> (24 bytes less per listener than an object of its own); use it through a reference.
/// </summary>
public struct HistoryRing
{
    private readonly int _capacity;
    private HistoryEntry[] _items = [];
    private int _start;
    private int _count;

    public HistoryRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public readonly int Count => _count;

    public readonly int Capacity => _capacity;

    /// <summary>The i-th entry, 0 = oldest.</summary>
    public readonly HistoryEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            var i = _start + index;
            return _items[i < _items.Length ? i : i - _items.Length];
        }
    }

    public readonly bool TryGetLast(out HistoryEntry last)
    {
        if (_count == 0)
        {
            last = default;
            return false;
        }

        last = this[_count - 1];
        return true;
    }

    public void Add(HistoryEntry entry)
    {
        if (_count < _capacity)
        {
            // Not full yet: entries sit at [0, count) and _start is 0.
            if (_count == _items.Length) Array.Resize(ref _items, Math.Min(_capacity, Math.Max(8, _items.Length * 2)));
            _items[_count++] = entry;
            return;
        }

        _items[_start] = entry;
        _start = (_start + 1) % _capacity;
    }

    public void ReplaceLast(HistoryEntry entry)
    {
        if (_count == 0) throw new InvalidOperationException("The history is empty.");
        _items[(_start + _count - 1) % _items.Length] = entry;
    }

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }
}
