namespace Personalization.Engine.Discovery;

/// <summary>
/// "Played" as far as a listener's bounded state remembers: every track of the history ring (the last
/// <see cref="EngineOptions.HistoryCapacity"/> steps: plays, completions, skips, and feedback on tracks), every track of
/// the track-affinity table (the <see cref="EngineOptions.MaxTrackAffinities"/> strongest, liked or not, which outlive
/// the history), and every blocked (disliked) track. A track forgotten by all three may be discovered again.
/// </summary>
public static class PlayedTracks
{
    public static HashSet<int> Of(ListenerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var played = new HashSet<int>();
        for (var i = 0; i < state.History.Count; i++) played.Add(state.History[i].Track);
        foreach (var a in state.Tracks.Entries) played.Add(a.Id);
        foreach (var t in state.BlockedTracks.ToArray()) played.Add(t);
        return played;
    }
}
