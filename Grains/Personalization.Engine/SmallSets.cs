namespace Personalization.Engine;

/// <summary>
/// Sets of the few dozen ids a session holds (its tracks, its artists), kept at the front of a span and scanned
/// linearly: at these sizes cheaper to build and read than a hash set, and on the stack they allocate nothing. A
/// recommendation builds several of them.
/// </summary>
internal static class SmallSets
{
    /// <summary>Sessions up to this many steps get their sets on the stack; longer ones (rare) on the heap.</summary>
    public const int StackSteps = 128;

    /// <summary>Adds <paramref name="id"/> to the first <paramref name="count"/> entries of <paramref name="set"/> unless it is among them; true when added.</summary>
    public static bool AddNew(Span<int> set, ref int count, int id)
    {
        if (set[..count].Contains(id)) return false;
        set[count++] = id;
        return true;
    }
}
