namespace Personalization.Engine;

/// <summary>
/// The last N event ids a listener sent, kept as 48-bit fingerprints of their 64-bit stable hashes (6 bytes each
/// instead of a string), so a retried event inside the window is acknowledged but not applied twice. Persisted with the
/// user's state. One array that grows with use up to the capacity: the fingerprints' low 32 bits first (searched
/// vectorized), then their high 16 bits, two to a slot. A struct held inside <see cref="ListenerState"/>; use it
/// through a reference.
/// </summary>
/// <remarks>
/// 48 bits, not 64: a listener's full window of 512 ids weighs 3 KB instead of 4 KB. A new event is taken for a
/// duplicate only when its fingerprint equals one of the window's: at most 512 / 2^48, about one event in 5.5·10^11.
/// Hashes are masked on the way in, so a snapshot written with 64-bit hashes restores into the same fingerprints.
/// </remarks>
public struct EventIdWindow
{
    /// <summary>The bits of a hash the window keeps.</summary>
    public const ulong FingerprintMask = (1UL << 48) - 1;

    private readonly int _capacity;

    /// <summary>[0, _slots): low halves; then the high halves, slot i's in element _slots + i / 2, bits 16 · (i % 2).</summary>
    private uint[] _bits = [];
    private int _slots;
    private int _next;
    private int _count;

    public EventIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public readonly int Count => _count;

    public readonly bool Contains(ulong hash)
    {
        var low = (uint)hash;
        var high = HighOf(hash);
        var lows = _bits.AsSpan(0, _count);
        for (var from = 0; from < lows.Length;)
        {
            var found = lows[from..].IndexOf(low); // vectorized over the low halves; the high half confirms
            if (found < 0) return false;
            if (HighAt(from + found) == high) return true;
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
            if (_count == _slots) Grow(Math.Min(_capacity, Math.Max(8, _slots * 3 / 2))); // 1.5x: 200 events hold 202 slots, not 256
            slot = _count++;
            _next = _count % _capacity;
        }
        else
        {
            slot = _next;
            _next = (_next + 1) % _capacity;
        }

        _bits[slot] = (uint)hash;
        SetHigh(slot, HighOf(hash));
    }

    /// <summary>Oldest first, for persistence: each a fingerprint (the hash's low 48 bits).</summary>
    public readonly ulong[] ToArray()
    {
        var result = new ulong[_count];
        var first = _count < _capacity ? 0 : _next;
        for (var i = 0; i < _count; i++)
        {
            var slot = (first + i) % _slots;
            result[i] = ((ulong)HighAt(slot) << 32) | _bits[slot];
        }

        return result;
    }

    public void Clear()
    {
        _next = 0;
        _count = 0;
    }

    /// <summary>Bits 32–47 of a hash: the fingerprint's half beside its low 32 bits.</summary>
    private static ushort HighOf(ulong hash) => (ushort)((hash & FingerprintMask) >> 32);

    private readonly ushort HighAt(int slot) => (ushort)(_bits[_slots + slot / 2] >> (16 * (slot & 1)));

    private readonly void SetHigh(int slot, ushort high) => SetHigh(_bits, _slots, slot, high);

    private static void SetHigh(uint[] bits, int slots, int slot, ushort high)
    {
        ref var pair = ref bits[slots + slot / 2];
        var shift = 16 * (slot & 1);
        pair = (pair & ~(0xFFFFu << shift)) | ((uint)high << shift);
    }

    /// <summary>Room for <paramref name="slots"/> fingerprints; the ones held keep their slots (only called while not full).</summary>
    private void Grow(int slots)
    {
        var bits = new uint[slots + (slots + 1) / 2];
        for (var i = 0; i < _count; i++)
        {
            bits[i] = _bits[i];
            SetHigh(bits, slots, i, HighAt(i));
        }

        _bits = bits;
        _slots = slots;
    }
}
