namespace Personalization.Engine;

/// <summary>A decayed weight: <see cref="Weight"/> as of <see cref="StampMs"/> (event time).</summary>
public readonly record struct Affinity(int Id, float Weight, long StampMs);
