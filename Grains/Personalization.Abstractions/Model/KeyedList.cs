namespace Personalization.Abstractions.Model;

/// <summary>
/// A published model list for one key (a track's successors, an artist's top tracks), heaviest first: its entries' names
/// (<see cref="Ids"/>) and weights. A shard answering a pull from its own silo (<see cref="ModelPullContext"/>) sends
/// the entries' vocabulary numbers instead (<see cref="LocalIds"/>, with <see cref="Ids"/> empty): both sides read one
/// vocabulary, so the reader need not turn every name back into the number it already has.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.KeyedList.v1")]
public sealed record KeyedList(
    [property: Id(0)] string Key,
    [property: Id(1)] string[] Ids,
    [property: Id(2)] float[] Weights,
    [property: Id(3)] int[]? LocalIds = null)
{
    /// <summary>The list's entries, named or numbered.</summary>
    public int Count => LocalIds?.Length ?? Ids.Length;
}
