using System.Text;

namespace Personalization.Engine;

/// <summary>
/// Interns external string ids (tracks, artists) to dense ints so that per-user state and the shared model stay compact.
/// Numbers are process-local and never stored. Two kinds of entries:
/// <list type="bullet">
/// <item><b>Admitted</b> (<see cref="Intern"/>): what the shared model, a checkpoint or a catalogue knows. Kept for the life
/// of the process; their number is bounded by the model's own bounds.</item>
/// <item><b>Leased</b> (<see cref="Lease"/>): an id only listeners named. Each listener holding it has one lease; when the
/// last lease is released (<see cref="Release"/>) the entry is reclaimed and its number reused, so ids nothing
/// references any more do not grow the process. Admitting a leased name keeps its number.</item>
/// </list>
/// Thread-safe: lookups take no lock; creating, leasing and releasing entries take one. An admitted name is kept as UTF-8
/// bytes in a <see cref="NameArena"/> (never removed, like the entry), a leased one as its string (it may be reclaimed);
/// <see cref="NameOf"/> decodes an admitted name, and keeps the last decoded names in a small cache by id, so the ids
/// read most (trending, the head's lists) are not decoded again on every call.
/// </summary>
public sealed partial class Vocabulary
{
    private const int Admitted = -1;
    private readonly Lock _gate = new();
    private readonly Stack<int> _free = new();
    private const int RecentNames = 65_536; // a power of two: about 5 MB once full (the array and 9-character names)
    private readonly NameArena _arena = new();
    private string?[] _names = new string[1024];
    private int[] _locations = new int[1024]; // an admitted name's place in the arena (0: none, the name is in _names)
    private int[] _leases = new int[1024];
    private DecodedName?[]? _recent;
    private int _count;
    private int _leased;
    private int _admitted;
    private long _reclaimed;

    /// <summary>
    /// A random number naming this instance (never 0): two parts of one silo that read the same vocabulary may exchange
    /// its ids instead of names when both know the same instance (a model shard answering its own silo's pull).
    /// </summary>
    public long Token { get; } = Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Numbers handed out so far (the highest id + 1); live entries are <see cref="Count"/> minus the free ones.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Admitted entries (kept for the life of the process).</summary>
    public int AdmittedCount => Volatile.Read(ref _admitted);

    /// <summary>Entries held only by listeners' leases (not admitted).</summary>
    public int LeasedCount => Volatile.Read(ref _leased);

    /// <summary>Bytes of the arena that holds admitted names.</summary>
    public long NameBytes => _arena.AllocatedBytes;

    /// <summary>Entries reclaimed since the process started (their last lease ended).</summary>
    public long Reclaimed => Interlocked.Read(ref _reclaimed);

    /// <summary>Live entries (admitted and leased).</summary>
    public int LiveCount
    {
        get
        {
            lock (_gate) return _count - _free.Count;
        }
    }

    /// <summary>The id of an admitted name (creating it, or admitting a leased one); it is never reclaimed.</summary>
    public int Intern(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGetAdmitted(name, out var id)) return id;
        lock (_gate)
        {
            if (TryFind(name, out id))
            {
                if (_leases[id] != Admitted)
                {
                    _leases[id] = Admitted;
                    _leased--;
                    _admitted++;
                    MoveToArena(id, name);
                }

                return id;
            }

            id = Add(name);
            _leases[id] = Admitted;
            _admitted++;
            MoveToArena(id, name);
            return id;
        }
    }

    /// <summary>
    /// The id of <paramref name="name"/> for one listener: a new lease on a name the process does not admit (the caller
    /// calls <see cref="Release"/> exactly once for it), nothing to release for an admitted one (<paramref name="leased"/> false).
    /// </summary>
    public int Lease(string name, out bool leased)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGetAdmitted(name, out var id))
        {
            leased = false;
            return id;
        }

        lock (_gate)
        {
            if (!TryFind(name, out id))
            {
                id = Add(name);
                _leases[id] = 0;
                _leased++;
            }

            leased = _leases[id] != Admitted;
            if (leased) _leases[id]++;
            return id;
        }
    }

    /// <summary>Ends one lease of <paramref name="id"/>; the last one reclaims a name that was never admitted.</summary>
    public void Release(int id)
    {
        lock (_gate)
        {
            if ((uint)id >= (uint)_count || _names[id] is null || _leases[id] == Admitted) return;
            if (--_leases[id] > 0) return;
            RemoveFromIndex(_names[id]!, id);
            _names[id] = null;
            _leased--;
            _reclaimed++;
            _free.Push(id);
        }
    }

    public bool TryGetId(string name, out int id)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFind(name, out id);
    }

    /// <summary>Whether <paramref name="id"/> names an admitted entry.</summary>
    public bool IsAdmitted(int id) => (uint)id < (uint)Count && Volatile.Read(ref _leases)[id] == Admitted;

    public string NameOf(int id)
    {
        if (HeldName(id, out var location) is { } name) return name;
        var recent = Volatile.Read(ref _recent) ?? CreateRecent();
        var slot = id & (RecentNames - 1);
        if (Volatile.Read(ref recent[slot]) is { } cached && cached.Id == id) return cached.Name;
        var decoded = Encoding.UTF8.GetString(_arena.Get(location));
        Volatile.Write(ref recent[slot], new DecodedName(id, decoded)); // an admitted id never names anything else
        return decoded;
    }

    /// <summary>
    /// Writes the name of <paramref name="id"/> as <see cref="BinaryWriter.Write(string)"/> would (its UTF-8 byte count,
    /// 7-bit encoded, then the bytes), an admitted name straight from the arena: a checkpoint of a shard writes every
    /// name of the buckets it rewrites, and need not decode each one into a string only to encode it again.
    /// </summary>
    public void WriteName(BinaryWriter writer, int id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (HeldName(id, out var location) is { } name)
        {
            writer.Write(name);
            return;
        }

        var utf8 = _arena.Get(location);
        writer.Write7BitEncodedInt(utf8.Length);
        writer.Write(utf8);
    }

    /// <summary>The entry's name when it is held as a string, else null and its place in the arena; throws for an id that names nothing.</summary>
    private string? HeldName(int id, out int location)
    {
        // Count is published after the name is written (and after any resize), so reading it first is safe.
        if ((uint)id >= (uint)Count) throw Unknown(id);
        location = 0;
        if (Volatile.Read(ref Volatile.Read(ref _names)[id]) is { } name) return name;
        location = Volatile.Read(ref Volatile.Read(ref _locations)[id]); // written before the string was cleared
        return location != 0 ? null : throw Unknown(id);
    }

    private static ArgumentOutOfRangeException Unknown(int id) => new(nameof(id), id, "Unknown vocabulary id.");

    private DecodedName?[] CreateRecent()
    {
        Interlocked.CompareExchange(ref _recent, new DecodedName?[RecentNames], null);
        return _recent;
    }

    /// <summary>Under the lock, for an entry just admitted: its name goes to the arena (when it fits) and its string is dropped.</summary>
    private void MoveToArena(int id, string name)
    {
        var location = _arena.TryAdd(name);
        if (location == 0) return; // too long, or the arena is full: the string stays
        Volatile.Write(ref _locations[id], location);
        Volatile.Write(ref _names[id], null);
    }

    /// <summary>Whether entry <paramref name="id"/> (as read from a slot, without the lock) names <paramref name="name"/>.</summary>
    private bool Names(int id, string name)
    {
        var names = Volatile.Read(ref _names); // after the slot: the array that holds its name, or a later copy
        if ((uint)id >= (uint)names.Length) return false;
        if (Volatile.Read(ref names[id]) is { } held) return string.Equals(held, name, StringComparison.Ordinal);
        var locations = Volatile.Read(ref _locations);
        var location = (uint)id < (uint)locations.Length ? Volatile.Read(ref locations[id]) : 0;
        return location != 0 && Utf8Equals(_arena.Get(location), name);
    }

    private static bool Utf8Equals(ReadOnlySpan<byte> utf8, string name)
    {
        if (utf8.Length == name.Length && Ascii.Equals(utf8, name)) return true;
        if (utf8.Length < name.Length || utf8.Length > name.Length * 3) return false; // a char is 1–3 UTF-8 bytes (a surrogate pair 4 for 2)
        if (Ascii.IsValid(name)) return false;
        Span<byte> buffer = utf8.Length <= 1024 ? stackalloc byte[utf8.Length] : new byte[utf8.Length];
        // Strict: a name with a lone surrogate is never in the arena, and must not match one holding U+FFFD.
        var status = System.Text.Unicode.Utf8.FromUtf16(name, buffer, out var read, out var written, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done && read == name.Length && written == utf8.Length && utf8.SequenceEqual(buffer);
    }

    /// <summary>Under the lock: the name of an entry, for rehashing it (an admitted one is decoded onto <paramref name="buffer"/>).</summary>
    private ReadOnlySpan<char> NameForIndex(int id, ref char[]? buffer)
    {
        if (_names[id] is { } name) return name;
        var utf8 = _arena.Get(_locations[id]);
        if (buffer is null || buffer.Length < utf8.Length) buffer = new char[Math.Max(256, utf8.Length)];
        var chars = Encoding.UTF8.GetChars(utf8, buffer);
        return buffer.AsSpan(0, chars);
    }

    /// <summary>
    /// Without the lock: an admitted entry never changes, but a leased one read here may be reclaimed and its number
    /// reused meanwhile, so the number counts only if it is admitted and still names <paramref name="name"/>.
    /// </summary>
    private bool TryGetAdmitted(string name, out int id) =>
        TryFind(name, out id) && IsAdmitted(id) && Names(id, name);

    private int Add(string name)
    {
        int id;
        if (_free.Count > 0)
        {
            id = _free.Pop();
        }
        else
        {
            id = _count;
            if (id == _names.Length)
            {
                var names = _names;
                var leases = _leases;
                var locations = _locations;
                Array.Resize(ref names, names.Length * 2);
                Array.Resize(ref leases, leases.Length * 2);
                Array.Resize(ref locations, locations.Length * 2);
                Volatile.Write(ref _leases, leases);
                Volatile.Write(ref _locations, locations);
                Volatile.Write(ref _names, names);
            }
        }

        _names[id] = name;
        if (id == _count) Volatile.Write(ref _count, id + 1);
        AddToIndex(name, id);
        return id;
    }

    /// <summary>A decoded admitted name, cached by id.</summary>
    private sealed record DecodedName(int Id, string Name);
}
