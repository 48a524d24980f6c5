namespace Personalization.Engine.Model;

/// <summary>
/// Each track's artist and, when the track is on that artist's published top list, its weight there: one 8-byte entry
/// in an array indexed by the track's vocabulary id (ids are dense), instead of a dictionary node per track, which
/// mattered because every silo holds every catalogue track's artist. The weight is what the recommender's popularity
/// damping asks for every successor; kept beside the artist it is one memory read instead of a dictionary lookup and a
/// binary search (<see cref="LiveModel"/> keeps it equal to that search). One writer; readers never lock: the writer
/// grows the array by copying it and publishing the copy, so a reader sees the old or the new one, and each field is
/// written whole.
/// </summary>
public sealed class TrackArtistTable
{
    private Entry[] _entries = [];
    private int _count;

    /// <summary>Tracks with an artist.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The artist of <paramref name="track"/>, or -1.</summary>
    public int ArtistOf(int track)
    {
        var entries = Volatile.Read(ref _entries);
        return (uint)track < (uint)entries.Length ? entries[track].ArtistPlusOne - 1 : -1;
    }

    /// <summary>The track's weight on its artist's top list, as last set by <see cref="SetTopWeight"/>; false when it is not on it.</summary>
    public bool TryGetTopWeight(int track, out float weight)
    {
        var entries = Volatile.Read(ref _entries);
        // One read of the entry: read twice, the writer could mark the track off its list (NaN) between the check and
        // the copy, and a NaN weight would reach the recommender's damping.
        var entry = (uint)track < (uint)entries.Length ? entries[track] : default;
        if (entry.ArtistPlusOne != 0 && !float.IsNaN(entry.TopWeight))
        {
            weight = entry.TopWeight;
            return true;
        }

        weight = 0;
        return false;
    }

    /// <summary>Sets the track's artist; a track whose artist changes is off every top list until <see cref="SetTopWeight"/>.</summary>
    public void Set(int track, int artist)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(track);
        ArgumentOutOfRangeException.ThrowIfNegative(artist);
        var entries = _entries;
        if (track >= entries.Length)
        {
            var grown = new Entry[Math.Max(track + 1, Math.Max(1024, entries.Length * 2))];
            entries.CopyTo(grown, 0);
            Volatile.Write(ref _entries, grown);
            entries = grown;
        }

        ref var entry = ref entries[track];
        if (entry.ArtistPlusOne == artist + 1) return;
        if (entry.ArtistPlusOne == 0) Interlocked.Increment(ref _count);
        Volatile.Write(ref entry.TopWeight, float.NaN);
        Volatile.Write(ref entry.ArtistPlusOne, artist + 1);
    }

    /// <summary>The track's weight on its artist's top list, or null when it is not on it; ignored for a track without an artist.</summary>
    public void SetTopWeight(int track, float? weight)
    {
        var entries = _entries;
        if ((uint)track >= (uint)entries.Length || entries[track].ArtistPlusOne == 0) return;
        Volatile.Write(ref entries[track].TopWeight, weight ?? float.NaN);
    }

    public void Remove(int track)
    {
        var entries = _entries;
        if ((uint)track >= (uint)entries.Length || entries[track].ArtistPlusOne == 0) return;
        Volatile.Write(ref entries[track].ArtistPlusOne, 0);
        Volatile.Write(ref entries[track].TopWeight, float.NaN);
        Interlocked.Decrement(ref _count);
    }

    /// <summary>Bytes the table holds.</summary>
    public long AllocatedBytes => 24 + (8L * Volatile.Read(ref _entries).Length);

    private struct Entry
    {
        public int ArtistPlusOne; // 0: not known
        public float TopWeight;   // NaN: not on the artist's top list (a new array's 0 is never read: ArtistPlusOne is 0 there)
    }
}
