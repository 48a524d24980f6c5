using System.Collections.Concurrent;

namespace Personalization.Engine;

/// <summary>
/// Interns external string ids (tracks, artists) to dense ints so that per-user state and the shared model stay compact.
/// Thread-safe, append-only: an id keeps its number for the life of the process. Numbers are process-local and never stored.
/// </summary>
public sealed class Vocabulary
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string[] _names = new string[1024];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Intern(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_ids.TryGetValue(name, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            if (_ids.TryGetValue(name, out id))
            {
                return id;
            }

            id = _count;
            if (id == _names.Length)
            {
                Array.Resize(ref _names, _names.Length * 2);
            }

            _names[id] = name;
            Volatile.Write(ref _count, id + 1);
            _ids[name] = id;
            return id;
        }
    }

    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);

    public string NameOf(int id)
    {
        // Count is published after the name is written (and after any resize), so reading it first is safe.
        if ((uint)id >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown vocabulary id.");
        }

        return Volatile.Read(ref _names)[id];
    }
}
