namespace Personalization.Abstractions.Model;

/// <summary>A published model list for one key (a track's successors, an artist's top tracks), heaviest first.</summary>
[GenerateSerializer, Immutable, Alias("pzn.KeyedList.v1")]
public sealed record KeyedList(
    [property: Id(0)] string Key,
    [property: Id(1)] string[] Ids,
    [property: Id(2)] float[] Weights);
