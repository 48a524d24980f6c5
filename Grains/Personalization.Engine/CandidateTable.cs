using System.Numerics;
using System.Runtime.CompilerServices;

namespace Personalization.Engine;

/// <summary>
/// The candidate map behind <see cref="CandidatePool"/>: track id → candidate, open addressing with linear probing,
/// entries kept densely in insertion order. Reused across requests without clearing: a slot belongs to the current use
/// only when its stamp equals the table's stamp, so starting over (<see cref="Reset"/>) costs nothing however large the
/// table grew (a <see cref="Dictionary{TKey, TValue}"/>'s Clear zeroes its whole bucket array and every used entry;
/// replacing it took a recommendation's time inside the silo from 0.055 to 0.045 ms in the perf scenario, BENCHMARKS.md).
/// </summary>
internal sealed class CandidateTable
{
    private const int MinCapacity = 16;

    private int[] _slotEntry;
    private uint[] _slotStamp;
    private CandidatePool.Candidate[] _entries;
    private int _shift;
    private uint _stamp = 1;

    /// <param name="capacity">Initial slot count (rounded up to a power of two); the table holds up to half as many entries before it grows.</param>
    public CandidateTable(int capacity)
    {
        capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, capacity));
        _slotEntry = new int[capacity];
        _slotStamp = new uint[capacity];
        _entries = new CandidatePool.Candidate[capacity / 2];
        _shift = 32 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>Entries in the current use.</summary>
    public int Count { get; private set; }

    /// <summary>Slots (a power of two).</summary>
    public int Capacity => _slotEntry.Length;

    /// <summary>The entries of the current use, in insertion order.</summary>
    public ReadOnlySpan<CandidatePool.Candidate> Entries => _entries.AsSpan(0, Count);

    /// <summary>Starts a new use: every entry of the previous one is forgotten, in O(1) (the stamps are zeroed once every 2^32 uses).</summary>
    public void Reset()
    {
        Count = 0;
        if (++_stamp != 0) return;
        Array.Clear(_slotStamp);
        _stamp = 1;
    }

    /// <summary>The entry of <paramref name="track"/>, or a null reference (check with <see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    public ref CandidatePool.Candidate Find(int track)
    {
        var mask = _slotEntry.Length - 1;
        for (var slot = Home(track); _slotStamp[slot] == _stamp; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[_slotEntry[slot]];
            if (entry.Track == track) return ref entry;
        }

        return ref Unsafe.NullRef<CandidatePool.Candidate>();
    }

    /// <summary>The entry of <paramref name="track"/>; when it is new (<paramref name="exists"/> false) the caller initializes it.</summary>
    public ref CandidatePool.Candidate GetOrAdd(int track, out bool exists)
    {
        var mask = _slotEntry.Length - 1;
        var slot = Home(track);
        for (; _slotStamp[slot] == _stamp; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[_slotEntry[slot]];
            if (entry.Track != track) continue;
            exists = true;
            return ref entry;
        }

        exists = false;
        if (Count == _entries.Length)
        {
            Grow();
            return ref GetOrAdd(track, out exists);
        }

        var index = Count++;
        _slotStamp[slot] = _stamp;
        _slotEntry[slot] = index;
        _entries[index] = new CandidatePool.Candidate(track, -1, 0, 0, default, -1);
        return ref _entries[index];
    }

    /// <summary>Fibonacci hashing: the top bits of track × 2^32/φ, so consecutive ids spread over the table.</summary>
    private int Home(int track) => (int)(((uint)track * 2654435769u) >> _shift);

    private void Grow()
    {
        var entries = _entries;
        var count = Count;
        var capacity = _slotEntry.Length * 2;
        _slotEntry = new int[capacity];
        _slotStamp = new uint[capacity];
        _entries = new CandidatePool.Candidate[capacity / 2];
        _shift = 32 - BitOperations.Log2((uint)capacity);
        _stamp = 1;
        Count = 0;
        var mask = capacity - 1;
        for (var i = 0; i < count; i++)
        {
            var slot = Home(entries[i].Track);
            while (_slotStamp[slot] == _stamp) slot = (slot + 1) & mask;
            _slotStamp[slot] = _stamp;
            _slotEntry[slot] = Count;
            _entries[Count++] = entries[i];
        }
    }
}
