namespace Personalization.Bench.Engine;

/// <summary>
/// Tuning instruments of <see cref="DirectEngineModel"/> (<c>evaluate --direct</c>): <paramref name="CandidatesPath"/>
/// receives the engine's top candidates of every scored query (<see cref="CandidateExport"/>, read by
/// <c>rerank-headroom</c>); <paramref name="Breakdown"/> prints the per-query-class hit table (<see cref="QueryBreakdown"/>)
/// and <paramref name="MissesPath"/> receives its misses at 10. None changes what the engine serves.
/// </summary>
public sealed record DirectInstruments(string? CandidatesPath = null, bool Breakdown = false, string? MissesPath = null);
