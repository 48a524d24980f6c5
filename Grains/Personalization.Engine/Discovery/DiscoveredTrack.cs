namespace Personalization.Engine.Discovery;

/// <summary>One discovery: interned ids, score, reason and its anchor (a track or an artist).</summary>
public readonly record struct DiscoveredTrack(int Track, int Artist, double Score, DiscoveryReason Reason, int Anchor);
