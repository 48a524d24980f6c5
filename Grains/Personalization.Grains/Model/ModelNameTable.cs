using Personalization.Engine;

namespace Personalization.Grains.Model;

/// <summary>
/// The names one <see cref="Abstractions.Model.ModelChanges"/> refers to, each once: a vocabulary id gets a slot the
/// first time a list or pair names it, and the lists carry slots instead of names.
/// </summary>
public sealed class ModelNameTable(Vocabulary vocabulary)
{
    private readonly Dictionary<int, int> _slots = [];
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    /// <summary>The slot of vocabulary id <paramref name="id"/> (a new one, with its name, the first time).</summary>
    public int Slot(int id)
    {
        if (_slots.TryGetValue(id, out var slot)) return slot;
        var name = vocabulary.NameOf(id);
        slot = _names.Count;
        _names.Add(name);
        _slots.Add(id, slot);
        return slot;
    }

    public string[] ToArray() => [.. _names];
}
