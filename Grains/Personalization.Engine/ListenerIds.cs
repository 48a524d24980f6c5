namespace Personalization.Engine;

/// <summary>
/// One listener's ids in the process <see cref="Vocabulary"/>: a name the process does not admit is leased for this
/// listener, at most once, and released when nothing in the listener's state references it any more
/// (<see cref="Collect"/>, run when the leases exceed <see cref="MaxLeases"/>) or when the listener leaves memory
/// (<see cref="ReleaseAll"/>). So ids that only listeners named cost the process no more than the listeners' own
/// bounded state. Not thread-safe: its grain serializes access.
/// </summary>
public sealed class ListenerIds(Vocabulary vocabulary, int maxLeases)
{
    /// <summary>Created with the first lease: most listeners name only admitted ids and never need it.</summary>
    private HashSet<int>? _leases;

    public Vocabulary Vocabulary => vocabulary;

    public int MaxLeases => maxLeases;

    /// <summary>Names this listener holds a lease on.</summary>
    public int LeaseCount => _leases?.Count ?? 0;

    public int Id(string name)
    {
        if (vocabulary.TryGetId(name, out var known) && _leases is not null && _leases.Contains(known) && vocabulary.NameOf(known) == name) return known;
        var id = vocabulary.Lease(name, out var leased);
        if (leased && !(_leases ??= []).Add(id)) vocabulary.Release(id); // already held: one lease per listener
        return id;
    }

    /// <summary>
    /// Releases the leases <paramref name="state"/> no longer references, once there are more than
    /// <see cref="MaxLeases"/>; ids of the events being applied are referenced by the state by then.
    /// </summary>
    public void Collect(ListenerState state, bool force = false)
    {
        if (_leases is null || (!force && _leases.Count <= maxLeases)) return;
        var referenced = new HashSet<int>();
        state.CollectIds(referenced);
        _leases.RemoveWhere(id =>
        {
            if (referenced.Contains(id) && !vocabulary.IsAdmitted(id)) return false;
            vocabulary.Release(id);
            return true;
        });
    }

    public void ReleaseAll()
    {
        if (_leases is null) return;
        foreach (var id in _leases) vocabulary.Release(id);
        _leases.Clear();
    }
}
