namespace Personalization.Engine;

/// <summary>
/// The last N event ids a listener sent, kept as 64-bit stable hashes (8 bytes each instead of a string), so a retried
/// event inside the window is acknowledged but not applied twice. Persisted with the user's state. Its array grows
/// with use up to the capacity.
/// </summary>
public sealed class EventIdWindow
{
    private readonly int _capacity;
    private ulong[] _hashes = [];
    private int _next;
    private int _count;

    public EventIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _count;

    public bool Contains(ulong hash) => Array.IndexOf(_hashes, hash, 0, _count) >= 0;

    public void Add(ulong hash)
    {
        if (_count < _capacity)
        {
            // Not full yet: hashes sit at [0, count) in order.
            if (_count == _hashes.Length) Array.Resize(ref _hashes, Math.Min(_capacity, Math.Max(8, _hashes.Length * 3 / 2))); // 1.5x: 200 events hold 202 slots, not 256
            _hashes[_count++] = hash;
            _next = _count % _capacity;
            return;
        }

        _hashes[_next] = hash;
        _next = (_next + 1) % _capacity;
    }

    /// <summary>Oldest first, for persistence.</summary>
    public ulong[] ToArray()
    {
        var result = new ulong[_count];
        var first = _count < _capacity ? 0 : _next;
        for (var i = 0; i < _count; i++)
        {
            result[i] = _hashes[(first + i) % _hashes.Length];
        }

        return result;
    }

    public void Clear()
    {
        _next = 0;
        _count = 0;
    }
}
