using System.Globalization;
using System.Text;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;

namespace Personalization.Bench.Engine;

/// <summary>
/// Tuning instrumentation for <c>evaluate --direct --candidates FILE</c>: for every scored
/// query, the engine's top <see cref="Depth"/> candidates in its order, one TSV row each, with whether it was the track
/// played next and features read from the listener state and the model just before that event, plus what the replay has
/// shown about the track (<see cref="TrackActivity"/>, information the engine does not keep). Every query gets rows, so a
/// re-ranker's HR@10 over the file is the engine's when it keeps the order (<c>rerank-headroom</c> reads the file).
/// Appends; the header is written when the file is empty. Reads the state only; changes nothing.
/// </summary>
internal sealed class CandidateExport : IDisposable
{
    public const int Depth = 50;

    private readonly StreamWriter _writer;
    private readonly string _prefix;
    private readonly TrackActivity _activity = new();
    private int _queries;

    public CandidateExport(string path, string prefix)
    {
        var empty = !File.Exists(path) || new FileInfo(path).Length == 0;
        _writer = new StreamWriter(path, append: true, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (empty) _writer.WriteLine(string.Join('\t', CandidateColumns.All));
        _prefix = prefix;
    }

    /// <summary>Called for every replayed event after the query before it was written: what the replay has shown so far.</summary>
    public void Observe(string user, int track, int artist, long timeMs) => _activity.Observe(user, track, artist, timeMs);

    /// <summary>Writes one query: <paramref name="ranked"/> is the engine's list (best first), <paramref name="target"/> the track played next.</summary>
    public void Add(ListenerState state, IModelView model, IReadOnlyList<RecommendedTrack> ranked, long nowMs, int target)
    {
        _queries++;
        ref readonly var history = ref state.History;
        var start = state.SessionStartIndex();
        var last = history.Count - 1;
        var playing = last >= 0 ? history[last] : default;
        var contextSessions = _activity.SessionsHolding(RankingFeatures.RecentDistinct(state, start, 5));
        var playingMoves = last >= 0 ? _activity.ArtistMoves(playing.Artist) : default;
        var listens = RecentListens(state, start, 2);
        var head = ranked.Take(Depth).ToList();
        var features = RankingFeatures.Of(state, model, head, nowMs);
        var sb = new StringBuilder();
        for (var r = 0; r < head.Count; r++)
        {
            var c = head[r];
            var (lastAgo, firstAgo, hour, day, listeners) = _activity.Of(c.Track, nowMs);
            var (coSessions, coOverlap) = _activity.CoSessions(c.Track, contextSessions);
            var (trackPlays, trackRepeats, trackReplays) = _activity.TrackRepeats(c.Track);
            var (artistMoves, artistStays) = _activity.ArtistMoves(c.Artist);
            object[] values =
            [
                $"{_prefix}/{_queries}", c.Track == target ? 1 : 0, .. features[r].Select(v => (object)(double)v),
                lastAgo, firstAgo, hour, day, listeners, coSessions, coOverlap, trackPlays, trackRepeats, trackReplays,
                artistMoves, artistStays, playingMoves.Moves, playingMoves.Stays,
                listens.Count == 2 ? _activity.AfterPair(listens[1], listens[0], c.Track) : 0,
            ];
            if (values.Length != CandidateColumns.All.Count) throw new InvalidOperationException($"A candidate row has {values.Length} values for {CandidateColumns.All.Count} columns.");
            sb.AppendJoin('\t', values.Select(v => Convert.ToString(v is double d ? Math.Round(d, 6) : v, CultureInfo.InvariantCulture))).Append('\n');
        }

        if (ranked.Count == 0) sb.Append(CultureInfo.InvariantCulture, $"{_prefix}/{_queries}\t0\t-1{new string('\t', CandidateColumns.All.Count - 3)}\n");
        _writer.Write(sb);
    }

    public void Dispose() => _writer.Dispose();

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
}
