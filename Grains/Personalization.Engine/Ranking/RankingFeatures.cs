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
        var history = state.History;
        var start = state.SessionStartIndex();
        var last = history.Count - 1;
        var playing = last >= 0 ? history[last] : default;
        var signals = state.IsSessionActive(nowMs) ? SessionSignals.Of(state) : default;
        var sessionTracks = RecentDistinct(state, start, int.MaxValue);
        var anchors = sessionTracks.Take(3).ToList();
        var elapsedS = last >= 0 ? (nowMs - playing.TimeMs) / 1000.0 : -1;
        var artistRun = 0;
        for (var i = last; i >= start && i >= 0 && history[i].Artist == playing.Artist; i--) artistRun += history[i].IsListen ? 1 : 0;
        var rows = new float[ranked.Count][];
        for (var r = 0; r < ranked.Count; r++)
        {
            var c = ranked[r];
            var o = Occurrences(state, c.Track, c.Artist, start);
            var after = new double[3];
            for (var k = 0; k < anchors.Count; k++) after[k] = WeightIn(model.SuccessorsOf(anchors[k]), c.Track);
            var tops = model.TopTracksOf(c.Artist);
            var rankInArtist = IndexIn(tops, c.Track);
            var afterSession = 0.0;
            foreach (var t in sessionTracks) afterSession += WeightIn(model.SuccessorsOf(t), c.Track);
            var leadsInto = 0;
            foreach (var s in model.SuccessorsOf(c.Track)) leadsInto += sessionTracks.Contains(s.Id) ? 1 : 0;
            var (historySince, followedPlaying) = HistoryRelations(state, c.Track, start);
            double[] values =
            [
                r, c.Score, (int)c.Reason, last >= 0 && c.Track == playing.Track ? 1 : 0, o.SessionPlays, o.StepsSince, o.HistoryPlays,
                last >= 0 && c.Artist == playing.Artist ? 1 : 0, o.ArtistInSession ? 1 : 0, o.ArtistWeight, after[0], after[1], after[2],
                rankInArtist >= 0 ? tops[rankInArtist].Weight : 0, tops.IsEmpty ? 0 : tops[0].Weight, rankInArtist, tops.Length,
                WeightIn(model.Trending, c.Track), state.Tracks.Get(c.Track, nowMs), state.Artists.Get(c.Artist, nowMs),
                signals.Moves, signals.ArtistStays, signals.Repeats, signals.Replays, elapsedS, afterSession, leadsInto, historySince,
                followedPlaying ? 1 : 0, artistRun, o.SessionPlays > 0 && o.StepsSince >= 0 ? o.StepsSince / (signals.Moves + 1.0) : 0,
            ];
            var row = new float[values.Length];
            for (var i = 0; i < values.Length; i++) row[i] = double.IsFinite(values[i]) ? (float)values[i] : 0f;
            rows[r] = row;
        }

        return rows;
    }

    /// <summary>Session plays of the track and listens since its latest, its plays before the session, and its artist's session presence (Σ decay^steps ago).</summary>
    private static (int SessionPlays, int StepsSince, int HistoryPlays, bool ArtistInSession, double ArtistWeight) Occurrences(
        ListenerState state, int track, int artist, int start)
    {
        var history = state.History;
        var last = history.Count - 1;
        int sessionPlays = 0, stepsSince = -1, historyPlays = 0;
        var artistInSession = false;
        var artistWeight = 0.0;
        for (var i = 0; i <= last; i++)
        {
            var step = history[i];
            if (!step.IsListen) continue;
            if (i < start)
            {
                if (step.Track == track) historyPlays++;
                continue;
            }

            if (step.Track == track)
            {
                sessionPlays++;
                stepsSince = last - i;
            }

            if (step.Artist != artist) continue;
            artistInSession = true;
            artistWeight += Math.Pow(state.Options.SessionArtistDecay, last - i);
        }

        return (sessionPlays, stepsSince, historyPlays, artistInSession, artistWeight);
    }

    /// <summary>Listens since the track's latest play before the session (-1: none), and whether it ever directly followed a play of the playing track.</summary>
    private static (int HistorySince, bool FollowedPlaying) HistoryRelations(ListenerState state, int track, int start)
    {
        var history = state.History;
        var last = history.Count - 1;
        var since = -1;
        var followed = false;
        var listens = 0;
        for (var i = last; i >= 0; i--)
        {
            if (!history[i].IsListen) continue;
            if (i < start && since < 0 && history[i].Track == track) since = listens;
            if (i < last && history[i].Track == history[last].Track && history[i + 1].Track == track) followed = true;
            listens++;
        }

        return (since, followed);
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
