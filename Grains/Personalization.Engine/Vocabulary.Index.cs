namespace Personalization.Engine;

/// <summary>
/// The name → id index: an open-addressing table (linear probing) of ids whose names live in <see cref="_names"/> or the
/// arena, so an entry costs one int slot (about 11 bytes at the load kept) instead of a dictionary node and its bucket (about 48):
/// every silo interns every catalogue track it hears of, so at millions of tracks this is a large part of its memory.
/// Written only under the vocabulary's lock; read without one. A writer publishes a name before the slot that points
/// at it, and swaps in a rebuilt table whole, so a reader sees an entry either complete or not at all; a slot whose
/// name was reclaimed (or reused) is told apart by comparing names.
/// </summary>
public sealed partial class Vocabulary
{
    private const int EmptySlot = 0;   // slots hold id + 1
    private const int DeletedSlot = -1;
    private const int MinSlots = 2048;
    private int[] _slots = new int[MinSlots];
    private int _indexed;
    private int _deletedSlots;

    private bool TryFind(string name, out int id)
    {
        var slots = Volatile.Read(ref _slots);
        var mask = slots.Length - 1;
        for (var i = Home(name, mask); ; i = (i + 1) & mask)
        {
            var slot = Volatile.Read(ref slots[i]);
            if (slot == EmptySlot) break;
            if (slot == DeletedSlot) continue;
            if (Names(slot - 1, name))
            {
                id = slot - 1;
                return true;
            }
        }

        id = -1;
        return false;
    }

    /// <summary>Under the lock, for a name not indexed whose name is already in <see cref="_names"/>.</summary>
    private void AddToIndex(string name, int id)
    {
        if ((_indexed + _deletedSlots + 1) * 2 > _slots.Length) Rebuild(_indexed + 1);
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(name, mask);
        while (slots[i] > EmptySlot) i = (i + 1) & mask;
        if (slots[i] == DeletedSlot) _deletedSlots--;
        Volatile.Write(ref slots[i], id + 1);
        _indexed++;
    }

    /// <summary>Under the lock, before the name leaves <see cref="_names"/>.</summary>
    private void RemoveFromIndex(string name, int id)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = Home(name, mask); slots[i] != EmptySlot; i = (i + 1) & mask)
        {
            if (slots[i] != id + 1) continue;
            Volatile.Write(ref slots[i], DeletedSlot);
            _indexed--;
            _deletedSlots++;
            return;
        }
    }

    /// <summary>A table a quarter full with <paramref name="entries"/> (it is rebuilt again at half full), published whole.</summary>
    private void Rebuild(int entries)
    {
        var size = MinSlots;
        while (size < entries * 4L) size *= 2;
        var rebuilt = new int[size];
        var mask = size - 1;
        char[]? buffer = null;
        foreach (var slot in _slots)
        {
            if (slot <= EmptySlot) continue;
            var i = Home(NameForIndex(slot - 1, ref buffer), mask);
            while (rebuilt[i] != EmptySlot) i = (i + 1) & mask;
            rebuilt[i] = slot;
        }

        _deletedSlots = 0;
        Volatile.Write(ref _slots, rebuilt);
    }

    /// <summary>The name's home slot: the string hash of its characters (an admitted name is rehashed from its decoded characters).</summary>
    private static int Home(ReadOnlySpan<char> name, int mask) => (int)(((uint)string.GetHashCode(name) * 0x9E3779B97F4A7C15UL) >> 32) & mask;
}
