using Personalization.Engine.Model;

namespace Personalization.Engine.Ranking;

/// <summary>
/// What the learned re-ranker (<see cref="LearnedRanker"/>) sees of each of the engine's top candidates: its place and
/// score in the engine's order, how the session and the listener's history relate to it, what the cluster-wide model
/// says of it (transitions from the session's latest tracks, its artist's top list, trending), and how the session moves
/// on (<see cref="SessionSignals"/>). Read from the listener's bounded state and the model only; nothing is stored.
/// The same vector is computed when a play becomes a training example and when a list is served.
/// </summary>
public static class RankingFeatures
{
    /// <summary>The features' names, in vector order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "rank", "score", "reason", "playing", "session_plays", "steps_since_session_play", "history_plays", "same_artist",
        "artist_in_session", "artist_session_weight", "after_1", "after_2", "after_3", "artist_plays", "artist_top_plays",
        "rank_in_artist", "artist_tracks", "trending", "track_affinity", "artist_affinity", "session_moves", "artist_stays",
        "repeats", "replays", "elapsed_s", "after_session", "leads_into_session", "history_steps_since",
        "followed_playing_before", "artist_run", "steps_since_share",
    ];

    /// <summary>One vector per candidate of <paramref name="ranked"/> (the engine's order, best first), as floats.</summary>
    public static float[][] Of(ListenerState state, IModelView model, IReadOnlyList<RecommendedTrack> ranked, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ranked);
        ref readonly var history = ref state.History;
        var start = state.SessionStartIndex();
        var last = history.Count - 1;
        var playing = last >= 0 ? history[last] : default;
        var signals = state.IsSessionActive(nowMs) ? SessionSignals.Of(state) : default;
        var sessionTracks = RecentDistinct(state, start, int.MaxValue);
        var inSession = sessionTracks.ToHashSet();
        var elapsedS = last >= 0 ? (nowMs - playing.TimeMs) / 1000.0 : -1;
        var artistRun = 0;
        for (var i = last; i >= start && i >= 0 && history[i].Artist == playing.Artist; i--) artistRun += history[i].IsListen ? 1 : 0;
        var listened = Listened.Of(state, start);
        var afterSession = new Dictionary<int, double>();
        foreach (var t in sessionTracks)
        {
            foreach (var s in model.SuccessorsOf(t)) afterSession[s.Id] = afterSession.GetValueOrDefault(s.Id) + s.Weight;
        }

        var rows = new float[ranked.Count][];
        Span<double> after = stackalloc double[3]; // scratch, rewritten per candidate: a row allocates only itself
        for (var r = 0; r < ranked.Count; r++)
        {
            var c = ranked[r];
            var track = listened.Tracks.GetValueOrDefault(c.Track, Listened.NoTrack);
            var artist = listened.Artists.GetValueOrDefault(c.Artist);
            after.Clear();
            for (var k = 0; k < Math.Min(3, sessionTracks.Count); k++) after[k] = WeightIn(model.SuccessorsOf(sessionTracks[k]), c.Track);
            var tops = model.TopTracksOf(c.Artist);
            var rankInArtist = IndexIn(tops, c.Track);
            var leadsInto = 0;
            foreach (var s in model.SuccessorsOf(c.Track)) leadsInto += inSession.Contains(s.Id) ? 1 : 0;
            ReadOnlySpan<double> values =
            [
                r, c.Score, (int)c.Reason, last >= 0 && c.Track == playing.Track ? 1 : 0, track.SessionPlays, track.StepsSince, track.HistoryPlays,
                last >= 0 && c.Artist == playing.Artist ? 1 : 0, artist.InSession ? 1 : 0, artist.Weight, after[0], after[1], after[2],
                rankInArtist >= 0 ? tops[rankInArtist].Weight : 0, tops.IsEmpty ? 0 : tops[0].Weight, rankInArtist, tops.Length,
                WeightIn(model.Trending, c.Track), state.Tracks.Get(c.Track, nowMs), state.Artists.Get(c.Artist, nowMs),
                signals.Moves, signals.ArtistStays, signals.Repeats, signals.Replays, elapsedS, afterSession.GetValueOrDefault(c.Track), leadsInto,
                track.HistorySince, listened.FollowedPlaying.Contains(c.Track) ? 1 : 0, artistRun,
                track.SessionPlays > 0 && track.StepsSince >= 0 ? track.StepsSince / (signals.Moves + 1.0) : 0,
            ];
            var row = new float[values.Length];
            for (var i = 0; i < values.Length; i++) row[i] = double.IsFinite(values[i]) ? (float)values[i] : 0f;
            rows[r] = row;
        }

        return rows;
    }

    /// <summary>The session's distinct listened tracks, most recent first, at most <paramref name="count"/>.</summary>
    public static List<int> RecentDistinct(ListenerState state, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tracks = new List<int>(Math.Min(count, 16));
        for (var i = state.History.Count - 1; i >= start && tracks.Count < count; i--)
        {
            var step = state.History[i];
            if (step.IsListen && !tracks.Contains(step.Track)) tracks.Add(step.Track);
        }

        return tracks;
    }

    private static double WeightIn(ReadOnlySpan<ScoredId> list, int track)
    {
        var i = IndexIn(list, track);
        return i >= 0 ? list[i].Weight : 0;
    }

    private static int IndexIn(ReadOnlySpan<ScoredId> list, int track)
    {
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].Id == track) return i;
        }

        return -1;
    }
}
