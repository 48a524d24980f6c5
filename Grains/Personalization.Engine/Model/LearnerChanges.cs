namespace Personalization.Engine.Model;

/// <summary>
/// The keys a <see cref="ModelLearner"/> changed or evicted since its changes were last taken. <c>Rescaled</c>: every
/// trending or popularity score was rescaled, so every track changed.
/// </summary>
public readonly record struct LearnerChanges(int[] Tracks, int[] Artists, bool Rescaled, int[] EvictedTracks, int[] EvictedArtists);
