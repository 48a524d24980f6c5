namespace Personalization.Bench.Scale;

/// <summary>A listener of the scale scenario: its user id, whether its history is head or tail tracks, and those tracks (Zipf ranks).</summary>
public sealed record AnchoredListener(string UserId, bool Tail, int[] Tracks);
