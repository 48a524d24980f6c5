using System.Globalization;
using System.Text;
using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Bench.Engine;

/// <summary>
/// Tuning instrumentation for <c>--direct</c> (enabled by <c>PERSONALIZATION_BENCH_CANDIDATES=FILE</c>): for every scored
/// query, the engine's top <see cref="Depth"/> candidates in its order, one TSV row each, with whether it was the track
/// played next and features read from the listener state and the model just before that event, plus what the replay has
/// shown about the track (<see cref="TrackActivity"/>, information the engine does not keep). Every query gets rows, so a
/// re-ranker's HR@10 over the file is the engine's when it keeps the order (<c>rerank-headroom</c> reads the file).
/// Appends; the header is written when the file is empty. Reads the state only; changes nothing.
/// </summary>
internal sealed class CandidateExport : IDisposable
{
    public const string Variable = "PERSONALIZATION_BENCH_CANDIDATES";
    public const int Depth = 50;

    private readonly StreamWriter _writer;
    private readonly string _prefix;
    private readonly TrackActivity _activity = new();
    private int _queries;

    private CandidateExport(string path, string prefix)
    {
        var empty = !File.Exists(path) || new FileInfo(path).Length == 0;
        _writer = new StreamWriter(path, append: true, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (empty) _writer.WriteLine(string.Join('\t', CandidateColumns.All));
        _prefix = prefix;
    }

    /// <summary>An export into the file the environment names, or null when it names none.</summary>
    public static CandidateExport? FromEnvironment(string prefix) =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? new CandidateExport(path, prefix) : null;

    /// <summary>Called for every replayed event after the query before it was written: what the replay has shown so far.</summary>
    public void Observe(string user, int track, int artist, long timeMs) => _activity.Observe(user, track, artist, timeMs);

    /// <summary>Writes one query: <paramref name="ranked"/> is the engine's list (best first), <paramref name="target"/> the track played next.</summary>
    public void Add(ListenerState state, IModelView model, IReadOnlyList<RecommendedTrack> ranked, long nowMs, int target)
    {
        _queries++;
        var history = state.History;
        var start = state.SessionStartIndex();
        var last = history.Count - 1;
        var playing = last >= 0 ? history[last] : default;
        var signals = state.IsSessionActive(nowMs) ? SessionSignals.Of(state) : default;
        var anchors = RecentDistinct(state, start, 3);
        var contextSessions = _activity.SessionsHolding(RecentDistinct(state, start, 5));
        var playingMoves = last >= 0 ? _activity.ArtistMoves(playing.Artist) : default;
        var elapsedS = last >= 0 ? (nowMs - playing.TimeMs) / 1000.0 : double.NaN;
        var sessionTracks = RecentDistinct(state, start, int.MaxValue);
        var listens = RecentListens(state, start, 2);
        var artistRun = 0;
        for (var i = last; i >= start && history[i].Artist == playing.Artist; i--) artistRun += history[i].IsListen ? 1 : 0;
        var sb = new StringBuilder();
        for (var r = 0; r < Math.Min(Depth, ranked.Count); r++)
        {
            var c = ranked[r];
            var (sessionPlays, stepsSince, historyPlays, artistInSession, artistWeight) = Occurrences(state, c.Track, c.Artist, start);
            var after = new double[3];
            for (var k = 0; k < anchors.Count; k++) after[k] = WeightIn(model.SuccessorsOf(anchors[k]), c.Track);
            var tops = model.TopTracksOf(c.Artist);
            var rankInArtist = IndexIn(tops, c.Track);
            var (lastAgo, firstAgo, hour, day, listeners) = _activity.Of(c.Track, nowMs);
            var (coSessions, coOverlap) = _activity.CoSessions(c.Track, contextSessions);
            var (trackPlays, trackRepeats, trackReplays) = _activity.TrackRepeats(c.Track);
            var (artistMoves, artistStays) = _activity.ArtistMoves(c.Artist);
            var afterSession = 0.0;
            foreach (var t in sessionTracks) afterSession += WeightIn(model.SuccessorsOf(t), c.Track);
            var leadsInto = 0;
            foreach (var s in model.SuccessorsOf(c.Track)) leadsInto += sessionTracks.Contains(s.Id) ? 1 : 0;
            var (historySince, followedPlaying) = HistoryRelations(state, c.Track, start);
            object[] values =
            [
                $"{_prefix}/{_queries}", c.Track == target ? 1 : 0, r, c.Score, (int)c.Reason, c.Track == playing.Track && last >= 0 ? 1 : 0,
                sessionPlays, stepsSince, historyPlays, c.Artist == playing.Artist && last >= 0 ? 1 : 0, artistInSession ? 1 : 0, artistWeight,
                after[0], after[1], after[2], rankInArtist >= 0 ? tops[rankInArtist].Weight : 0, tops.IsEmpty ? 0 : tops[0].Weight,
                rankInArtist, tops.Length, WeightIn(model.Trending, c.Track), state.Tracks.Get(c.Track, nowMs), state.Artists.Get(c.Artist, nowMs),
                signals.Moves, signals.ArtistStays, signals.Repeats, signals.Replays, elapsedS, lastAgo, firstAgo, hour, day, listeners,
                coSessions, coOverlap, trackPlays, trackRepeats, trackReplays, artistMoves, artistStays, playingMoves.Moves, playingMoves.Stays,
                afterSession, leadsInto, historySince, followedPlaying ? 1 : 0, artistRun,
                listens.Count == 2 ? _activity.AfterPair(listens[1], listens[0], c.Track) : 0,
            ];
            if (values.Length != CandidateColumns.All.Count) throw new InvalidOperationException($"A candidate row has {values.Length} values for {CandidateColumns.All.Count} columns.");
            sb.AppendJoin('\t', values.Select(v => Convert.ToString(v is double d ? Math.Round(d, 6) : v, CultureInfo.InvariantCulture))).Append('\n');
        }

        if (ranked.Count == 0) sb.Append(CultureInfo.InvariantCulture, $"{_prefix}/{_queries}\t0\t-1{new string('\t', CandidateColumns.All.Count - 3)}\n");
        _writer.Write(sb);
    }

    public void Dispose() => _writer.Dispose();

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
            if (i < last && history[i].Track == history[last].Track && i + 1 <= last && history[i + 1].Track == track) followed = true;
            listens++;
        }

        return (since, followed);
    }

    /// <summary>The session's latest listens, most recent first (repeats kept).</summary>
    private static List<int> RecentListens(ListenerState state, int start, int count)
    {
        var tracks = new List<int>(count);
        for (var i = state.History.Count - 1; i >= start && tracks.Count < count; i--)
        {
            if (state.History[i].IsListen) tracks.Add(state.History[i].Track);
        }

        return tracks;
    }

    private static List<int> RecentDistinct(ListenerState state, int start, int count)
    {
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
