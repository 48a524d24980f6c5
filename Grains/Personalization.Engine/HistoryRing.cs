namespace Personalization.Engine;

/// <summary>Bounded ring of the most recent steps, oldest first when enumerated.</summary>
public sealed class HistoryRing
{
    private readonly HistoryEntry[] _items;
    private int _start;
    private int _count;

    public HistoryRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new HistoryEntry[capacity];
    }

    public int Count => _count;

    public int Capacity => _items.Length;

    /// <summary>The i-th entry, 0 = oldest.</summary>
    public HistoryEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _items[(_start + index) % _items.Length];
        }
    }

    public bool TryGetLast(out HistoryEntry last)
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
        if (_count < _items.Length)
        {
            _items[(_start + _count) % _items.Length] = entry;
            _count++;
            return;
        }

        _items[_start] = entry;
        _start = (_start + 1) % _items.Length;
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
