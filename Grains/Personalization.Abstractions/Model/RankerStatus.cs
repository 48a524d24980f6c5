namespace Personalization.Abstractions.Model;

/// <summary>
/// A silo's learned re-ranker: whether it is on, examples received and models trained since the silo started, the
/// serving model (the latest training: examples it was trained on and its trees; null before the first, when the
/// engine's order is served) and why the latest failed training failed (null when none has).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.RankerStatus.v1")]
public sealed record RankerStatus(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] long ExamplesSeen,
    [property: Id(2)] int ModelsTrained,
    [property: Id(3)] int? ModelExamples,
    [property: Id(4)] int? ModelTrees,
    [property: Id(5)] string? LastError);
