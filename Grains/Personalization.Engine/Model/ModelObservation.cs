namespace Personalization.Engine.Model;

/// <summary>
/// What one listening step teaches the shared model: the track and artist, when, how strongly (1 for a listen, negative
/// to take credit back, e.g. after an early skip), and the session's earlier tracks, most recent first.
/// </summary>
public sealed record ModelObservation(int Track, int Artist, long TimeMs, float Weight, int[] Predecessors);
