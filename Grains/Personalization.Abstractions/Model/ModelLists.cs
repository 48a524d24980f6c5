namespace Personalization.Abstractions.Model;

/// <summary>
/// Many published lists in four flat arrays, their names as indexes into the <see cref="ModelChanges.Names"/> they
/// travel with: list <c>i</c> is that of key <c>Keys[i]</c>, its entries <c>Ids</c> and <c>Weights</c> from
/// <c>Ends[i - 1]</c> (0 for the first) to <c>Ends[i]</c>, heaviest first. An empty list drops its key. A few arrays
/// of numbers, whatever the number of lists: each name is written and resolved once per pull, not once per entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ModelLists.v1")]
public sealed record ModelLists(
    [property: Id(0)] int[] Keys,
    [property: Id(1)] int[] Ends,
    [property: Id(2)] int[] Ids,
    [property: Id(3)] float[] Weights)
{
    public static readonly ModelLists Empty = new([], [], [], []);

    public int Count => Keys.Length;

    /// <summary>Where list <paramref name="index"/>'s entries start in <see cref="Ids"/> and <see cref="Weights"/>.</summary>
    public int StartOf(int index) => index == 0 ? 0 : Ends[index - 1];

    /// <summary>
    /// What a reader checks before it reads a pulled block: as many ends as keys, ends ascending within the entries,
    /// and every id (and, when <paramref name="keyed"/>, every key) an index into a table of <paramref name="names"/>
    /// names. Null when it holds; else why not.
    /// </summary>
    public string? Problem(int names, bool keyed = true)
    {
        if (Ends.Length != Keys.Length || Ids.Length != Weights.Length) return "lists and their ends, or ids and weights, differ in number";
        var start = 0;
        foreach (var end in Ends)
        {
            if (end < start || end > Ids.Length) return "a list ends before it starts or beyond the entries";
            start = end;
        }

        if (start != Ids.Length) return "entries beyond the last list";
        if (keyed)
        {
            foreach (var key in Keys)
            {
                if ((uint)key >= (uint)names) return "a key is not a name of the table";
            }
        }

        foreach (var id in Ids)
        {
            if ((uint)id >= (uint)names) return "an id is not a name of the table";
        }

        return null;
    }
}
