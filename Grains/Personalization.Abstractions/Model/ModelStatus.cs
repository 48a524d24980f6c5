namespace Personalization.Abstractions.Model;

/// <summary>
/// What one silo's copy of the shared model and its learned re-ranker look like right now (the silo that answered,
/// <see cref="Silo"/>; every silo keeps its own read model and ranker). Staleness = <see cref="At"/> −
/// <see cref="LastRefreshed"/>. Extensible: later fields take new ids, existing ids are never reused.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ModelStatus.v1")]
public sealed record ModelStatus(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int TracksKnown,
    [property: Id(3)] DateTimeOffset? LastRefreshed,
    [property: Id(4)] long ObservationsPublished,
    [property: Id(5)] long ObservationsApplied,
    [property: Id(6)] long ObservationsDropped,
    [property: Id(7)] IReadOnlyList<TrendingTrack> Trending,
    [property: Id(8)] RankerStatus Ranker,
    [property: Id(9)] ModelMemory? Memory = null);
