namespace Personalization.Engine.Exploration;

/// <summary>
/// One served item: the candidate, the probability that the policy put it in this position given the items above it
/// (1 for the deterministic ranking), and whether an exploring draw placed it.
/// </summary>
public readonly record struct ServedTrack(RecommendedTrack Item, double Propensity, bool Explored);
