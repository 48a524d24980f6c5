namespace Personalization.Engine.Model;

/// <summary>
/// Each track's artist, in an array indexed by the track's vocabulary id (ids are dense): 4 bytes per id instead of a
/// dictionary node per track, which mattered because every silo holds every catalogue track's artist. One writer; readers
/// never lock: the writer grows the array by copying it and publishing the copy, so a reader sees the old or the new one.
/// </summary>
public sealed class TrackArtistTable
{
    private int[] _artists = []; // artist + 1; 0: not known
    private int _count;

    /// <summary>Tracks with an artist.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The artist of <paramref name="track"/>, or -1.</summary>
    public int ArtistOf(int track)
    {
        var artists = Volatile.Read(ref _artists);
        return (uint)track < (uint)artists.Length ? artists[track] - 1 : -1;
    }

    public void Set(int track, int artist)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(track);
        ArgumentOutOfRangeException.ThrowIfNegative(artist);
        var artists = _artists;
        if (track >= artists.Length)
        {
            var grown = new int[Math.Max(track + 1, Math.Max(1024, artists.Length * 2))];
            artists.CopyTo(grown, 0);
            Volatile.Write(ref _artists, grown);
            artists = grown;
        }

        if (artists[track] == 0) Interlocked.Increment(ref _count);
        Volatile.Write(ref artists[track], artist + 1);
    }

    public void Remove(int track)
    {
        var artists = _artists;
        if ((uint)track >= (uint)artists.Length || artists[track] == 0) return;
        Volatile.Write(ref artists[track], 0);
        Interlocked.Decrement(ref _count);
    }

    /// <summary>Bytes the table holds.</summary>
    public long AllocatedBytes => 24 + (4L * Volatile.Read(ref _artists).Length);
}
