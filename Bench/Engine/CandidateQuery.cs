namespace Personalization.Bench.Engine;

/// <summary>One exported query: its candidates' feature vectors in the engine's order and the index of the track played next (-1: not listed).</summary>
public sealed record CandidateQuery(string Id, double[][] Rows, int Target);
