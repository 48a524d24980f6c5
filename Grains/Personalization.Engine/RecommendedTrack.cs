namespace Personalization.Engine;

/// <summary>One ranked candidate: interned ids, the final score and the reason (with its anchor track or artist, or -1).</summary>
public readonly record struct RecommendedTrack(int Track, int Artist, double Score, ReasonKind Reason, int Anchor);
