namespace Personalization.Bench.Engine;

/// <summary>
/// What <see cref="BoostedHeadroom.Measure"/> found on the held-out queries: hits at 10 in the engine's order and after
/// re-ranking with trees fitted on the other queries (<paramref name="Split"/> says which).
/// </summary>
public sealed record BoostedHeadroomReport(string Split, int TrainQueries, int HeldOutQueries, int Listed, int EngineHits, int BoostedHits, int Trees);
