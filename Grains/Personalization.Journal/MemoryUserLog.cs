namespace Personalization.Journal;

/// <summary>
/// One user's entries in <see cref="MemoryEventJournal"/>, in three arrays: the sequences (ascending), where each entry
/// ends in the byte buffer, and the entries' stored JSON as UTF-8, back to back. A few objects per user instead of a
/// string and a list slot per event: an in-memory journal holds every event since the user's last snapshot (up to
/// <c>Snapshots:EveryEvents</c>), so a silo running on it holds hundreds of thousands of them, and as objects the
/// collector copied and traced each one (measured: BENCHMARKS "The embedded journal"). Not thread-safe: the journal
/// locks the log.
/// </summary>
internal sealed class MemoryUserLog
{
    private long[] _sequences = new long[InitialEntries];
    private int[] _ends = new int[InitialEntries];
    private byte[] _bytes = [];
    private int _count;

    private const int InitialEntries = 4;

    /// <summary>The last committed sequence, also once compaction removed its entry.</summary>
    public long Last { get; set; }

    public int Count => _count;

    /// <summary>Whether <paramref name="sequence"/> is stored, with exactly <paramref name="json"/> as its event.</summary>
    public bool Holds(long sequence, ReadOnlySpan<byte> json)
    {
        var i = IndexOf(sequence);
        return i >= 0 && Entry(i).SequenceEqual(json);
    }

    /// <summary>Adds an entry after every stored one (appends are ascending: <see cref="JournalKeys.ValidateAppend"/>).</summary>
    public void Append(long sequence, ReadOnlySpan<byte> json)
    {
        if (_count > 0 && sequence <= _sequences[_count - 1]) throw new InvalidOperationException("Entries are appended in ascending sequence order.");
        if (_count == _sequences.Length)
        {
            Array.Resize(ref _sequences, _count * 2);
            Array.Resize(ref _ends, _count * 2);
        }

        var start = End(_count - 1);
        if (start + json.Length > _bytes.Length) Array.Resize(ref _bytes, Math.Max(start + json.Length, Math.Max(256, _bytes.Length * 3 / 2))); // 1.5x: less slack than doubling
        json.CopyTo(_bytes.AsSpan(start));
        _sequences[_count] = sequence;
        _ends[_count] = start + json.Length;
        _count++;
    }

    /// <summary>The entries after <paramref name="afterSequence"/>, in order, as (sequence, UTF-8 JSON) copies.</summary>
    public (long Sequence, byte[] Json)[] After(long afterSequence)
    {
        var from = FirstAfter(afterSequence);
        var tail = new (long, byte[])[_count - from];
        for (var i = from; i < _count; i++) tail[i - from] = (_sequences[i], Entry(i).ToArray());
        return tail;
    }

    /// <summary>Removes every entry with a sequence in (<paramref name="afterSequence"/>, <paramref name="throughSequence"/>].</summary>
    public void Remove(long afterSequence, long throughSequence)
    {
        var from = FirstAfter(afterSequence);
        var to = FirstAfter(throughSequence); // exclusive
        if (to <= from) return;
        var byteFrom = End(from - 1);
        var byteTo = End(to - 1);
        var removedBytes = byteTo - byteFrom;
        var kept = _count - to;
        Array.Copy(_bytes, byteTo, _bytes, byteFrom, End(_count - 1) - byteTo);
        Array.Copy(_sequences, to, _sequences, from, kept);
        for (var i = 0; i < kept; i++) _ends[from + i] = _ends[to + i] - removedBytes;
        _count -= to - from;
        ShrinkIfSparse();
    }

    /// <summary>A log that emptied after compaction gives its arrays back (a quarter full at most: halved, down to the initial size).</summary>
    private void ShrinkIfSparse()
    {
        if (_count * 4 <= _sequences.Length && _sequences.Length > InitialEntries)
        {
            var entries = Math.Max(InitialEntries, _sequences.Length / 2);
            Array.Resize(ref _sequences, entries);
            Array.Resize(ref _ends, entries);
        }

        var used = End(_count - 1);
        if (used == 0) _bytes = [];
        else if (_bytes.Length > 256 && used * 4 <= _bytes.Length) Array.Resize(ref _bytes, Math.Max(256, _bytes.Length / 2));
    }

    private ReadOnlySpan<byte> Entry(int i) => _bytes.AsSpan(End(i - 1), _ends[i] - End(i - 1));

    private int End(int i) => i < 0 ? 0 : _ends[i];

    private int IndexOf(long sequence)
    {
        var i = Array.BinarySearch(_sequences, 0, _count, sequence);
        return i >= 0 ? i : -1;
    }

    /// <summary>The index of the first entry whose sequence is greater than <paramref name="sequence"/> (<see cref="Count"/> when none is).</summary>
    private int FirstAfter(long sequence)
    {
        var i = Array.BinarySearch(_sequences, 0, _count, sequence); // sequences are distinct and ascending
        return i >= 0 ? i + 1 : ~i;
    }
}
