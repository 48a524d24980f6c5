using Personalization.Abstractions.Model;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// Writes published lists into one <see cref="ModelLists"/>, their names into a shared <see cref="ModelNameTable"/>:
/// the lists are gathered first and written once into arrays of their exact size.
/// </summary>
public sealed class ModelListsBuilder(ModelNameTable names)
{
    private readonly List<(int KeySlot, ScoredId[]? List)> _lists = [];
    private int _entries;

    /// <summary>The list of vocabulary id <paramref name="key"/>; empty (or null) drops the key at the reader.</summary>
    public void Add(int key, ScoredId[]? list) => Add((names.Slot(key), list));

    /// <summary>A list with no key (trending, popularity: one list per block).</summary>
    public void AddUnkeyed(ScoredId[] list) => Add((-1, list));

    private void Add((int KeySlot, ScoredId[]? List) list)
    {
        _lists.Add(list);
        _entries += list.List?.Length ?? 0;
    }

    /// <summary>The block; the entries' names enter the table now, so take the table's names after every block.</summary>
    public ModelLists ToLists()
    {
        if (_lists.Count == 0) return ModelLists.Empty;
        var keys = new int[_lists.Count];
        var ends = new int[_lists.Count];
        var ids = new int[_entries];
        var weights = new float[_entries];
        var at = 0;
        for (var i = 0; i < _lists.Count; i++)
        {
            var (keySlot, list) = _lists[i];
            keys[i] = keySlot;
            foreach (var entry in list ?? [])
            {
                ids[at] = names.Slot(entry.Id);
                weights[at++] = entry.Weight;
            }

            ends[i] = at;
        }

        return new ModelLists(keys, ends, ids, weights);
    }
}
