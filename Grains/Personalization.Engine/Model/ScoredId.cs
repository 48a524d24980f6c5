namespace Personalization.Engine.Model;

/// <summary>An id with a weight (a successor, an artist's track, a trending track).</summary>
public readonly record struct ScoredId(int Id, float Weight);
