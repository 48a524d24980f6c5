namespace Personalization.Bench.Engine;

/// <summary>
/// What <see cref="RerankHeadroom.Measure"/> found: hits at 10 in the engine's order, after re-ranking in-sample (each
/// fold fitted and measured on itself) and held out (each fold measured with the other fold's weights).
/// </summary>
public sealed record HeadroomReport(int Queries, int Listed, int EngineHits, int InSampleHits, int HeldOutHits, double[] FirstFoldWeights);
