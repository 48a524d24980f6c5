namespace Personalization.Engine;

/// <summary>
/// The last N event ids a listener sent, kept as 48-bit fingerprints of their 64-bit stable hashes (6 bytes each
/// instead of a string), so a retried event inside the window is acknowledged but not applied twice. Persisted with the
/// user's state. Its arrays grow with use up to the capacity.
/// </summary>
/// <remarks>
/// 48 bits, not 64: a listener's full window of 512 ids weighs 3 KB instead of 4 KB. A new event is taken for a
/// duplicate only when its fingerprint equals one of the window's: at most 512 / 2^48, about one event in 5.5·10^11.
/// Hashes are masked on the way in, so a snapshot written with 64-bit hashes restores into the same fingerprints.
/// </remarks>
public sealed class EventIdWindow
{
    /// <summary>The bits of a hash the window keeps.</summary>
    public const ulong FingerprintMask = (1UL << 48) - 1;

    private readonly int _capacity;
    private uint[] _low = [];
    private ushort[] _high = [];
    private int _next;
    private int _count;

    public EventIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _count;

    public bool Contains(ulong hash)
    {
        var low = (uint)hash;
        var high = HighOf(hash);
        var low32 = _low.AsSpan(0, _count);
        for (var from = 0; from < low32.Length;)
        {
            var found = low32[from..].IndexOf(low); // vectorized over the low halves; the high half confirms
            if (found < 0) return false;
            if (_high[from + found] == high) return true;
            from += found + 1;
        }

        return false;
    }

    public void Add(ulong hash)
    {
        int slot;
        if (_count < _capacity)
        {
            // Not full yet: fingerprints sit at [0, count) in order.
            if (_count == _low.Length)
            {
                var size = Math.Min(_capacity, Math.Max(8, _low.Length * 3 / 2)); // 1.5x: 200 events hold 202 slots, not 256
                Array.Resize(ref _low, size);
                Array.Resize(ref _high, size);
            }

            slot = _count++;
            _next = _count % _capacity;
        }
        else
        {
            slot = _next;
            _next = (_next + 1) % _capacity;
        }

        _low[slot] = (uint)hash;
        _high[slot] = HighOf(hash);
    }

    /// <summary>Oldest first, for persistence: each a fingerprint (the hash's low 48 bits).</summary>
    public ulong[] ToArray()
    {
        var result = new ulong[_count];
        var first = _count < _capacity ? 0 : _next;
        for (var i = 0; i < _count; i++)
        {
            var slot = (first + i) % _low.Length;
            result[i] = ((ulong)_high[slot] << 32) | _low[slot];
        }

        return result;
    }

    /// <summary>Bits 32–47 of a hash: the fingerprint's half beside its low 32 bits.</summary>
    private static ushort HighOf(ulong hash) => (ushort)((hash & FingerprintMask) >> 32);

    public void Clear()
    {
        _next = 0;
        _count = 0;
    }
}
