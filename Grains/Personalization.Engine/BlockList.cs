namespace Personalization.Engine;

/// <summary>
/// Bounded set of ids the listener rejected (disliked tracks); the oldest falls out when full. Its array grows with
/// use up to the capacity (most listeners block few tracks or none). A struct held inside <see cref="ListenerState"/>;
/// use it through a reference.
/// </summary>
public struct BlockList
{
    private readonly int _capacity;
    private int[] _ids = [];
    private int _next;
    private int _count;

    public BlockList(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public readonly int Count => _count;

    public readonly bool Contains(int id) => Array.IndexOf(_ids, id, 0, _count) >= 0;

    public void Add(int id)
    {
        if (Contains(id)) return;
        if (_count < _capacity)
        {
            // Not full yet: ids sit at [0, count) in order.
            if (_count == _ids.Length) Array.Resize(ref _ids, Math.Min(_capacity, Math.Max(4, _ids.Length * 2)));
            _ids[_count++] = id;
            _next = _count % _capacity;
            return;
        }

        _ids[_next] = id;
        _next = (_next + 1) % _capacity;
    }

    public void Remove(int id)
    {
        var ordered = ToArray();
        Clear();
        foreach (var other in ordered)
        {
            if (other != id) Add(other);
        }
    }

    /// <summary>Oldest first, for persistence.</summary>
    public readonly int[] ToArray()
    {
        var result = new int[_count];
        var first = _count < _capacity ? 0 : _next;
        for (var i = 0; i < _count; i++) result[i] = _ids[(first + i) % _ids.Length];
        return result;
    }

    public void Clear()
    {
        _next = 0;
        _count = 0;
    }
}
