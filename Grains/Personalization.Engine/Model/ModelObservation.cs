namespace Personalization.Engine.Model;

/// <summary>
/// What one listening step teaches the shared model: the track and artist, when, how strongly (1 for a listen, negative
/// to take credit back, e.g. after an early skip), and the session's earlier tracks, most recent first (-1 for a step
/// that teaches no transition, so the ones after it keep their gap). <paramref name="Listener"/> is a stable hash of
/// the listener (0: a trusted source such as a catalogue load, admitted at once); <paramref name="CountsPlay"/> false
/// when the listener's play of this track was already counted in its window (only transitions are learned then).
/// <paramref name="TransitionOnly"/>: the track is another shard's key; only the transitions into it are learned here
/// (sources of transitions live in their own track's shard), and the observation is not counted again.
/// </summary>
public sealed record ModelObservation(
    int Track, int Artist, long TimeMs, float Weight, int[] Predecessors, ulong Listener = 0, bool CountsPlay = true, bool TransitionOnly = false);
