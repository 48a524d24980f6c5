using Personalization.Engine;

namespace Personalization.Grains.Model;

/// <summary>
/// A pulled <see cref="Abstractions.Model.ModelChanges.Names"/> table in this silo's ids, each name interned the first
/// time a list needs it (a name only an eviction mentions is looked up, never interned: this silo may never have had it).
/// </summary>
public sealed class PulledNames(string[] names, Vocabulary vocabulary)
{
    private readonly int[] _ids = Unresolved(names.Length);

    public string this[int slot] => names[slot];

    /// <summary>The admitted id of the name in <paramref name="slot"/>.</summary>
    public int Intern(int slot)
    {
        var id = _ids[slot];
        if (id < 0) _ids[slot] = id = vocabulary.Intern(names[slot]);
        return id;
    }

    /// <summary>The id of the name in <paramref name="slot"/> if this silo knows it, without interning it.</summary>
    public bool TryGetId(int slot, out int id)
    {
        id = _ids[slot];
        return id >= 0 || vocabulary.TryGetId(names[slot], out id);
    }

    private static int[] Unresolved(int count)
    {
        var ids = new int[count];
        Array.Fill(ids, -1);
        return ids;
    }
}
