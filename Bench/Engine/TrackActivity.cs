namespace Personalization.Bench.Engine;

/// <summary>
/// What the replay has shown about each track so far, kept on the Bench side for <see cref="CandidateExport"/> only
/// (the engine has none of it): first and last play, plays decayed with 1 h and 24 h half-lives, distinct listeners,
/// the listening sessions (30 min gap, per listener) each track appeared in, for co-session counts, how often each
/// track was repeated and replayed inside a session, and how often listeners stayed with an artist. Unbounded:
/// a tuning aid for slice-sized logs, not a model.
/// </summary>
internal sealed class TrackActivity
{
    private const long SessionGapMs = 30 * 60 * 1000;
    private readonly Dictionary<int, Entry> _tracks = [];
    private readonly Dictionary<int, List<int>> _sessionsOfTrack = [];
    private readonly List<HashSet<int>> _sessions = [];
    private readonly Dictionary<string, (int Session, long LastMs)> _openSession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Track, int Artist)> _lastOf = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (int Moves, int Stays)> _artistMoves = [];
    private readonly Dictionary<int, (int Plays, int Repeats, int Replays)> _trackRepeats = [];
    private readonly Dictionary<(int, int), Dictionary<int, int>> _afterPairs = [];
    private readonly Dictionary<string, int> _beforeLast = new(StringComparer.Ordinal);

    public void Observe(string user, int track, int artist, long timeMs)
    {
        if (!_tracks.TryGetValue(track, out var e))
        {
            e = new Entry { FirstMs = timeMs, StampMs = timeMs };
            _tracks[track] = e;
        }

        e.Hour = e.DecayedHour(timeMs) + 1;
        e.Day = e.DecayedDay(timeMs) + 1;
        e.StampMs = timeMs;
        e.LastMs = timeMs;
        e.Listeners.Add(user);

        if (!_openSession.TryGetValue(user, out var open) || timeMs - open.LastMs >= SessionGapMs)
        {
            _sessions.Add([]);
            open = (_sessions.Count - 1, timeMs);
        }

        var sameSession = _openSession.TryGetValue(user, out var before) && before.Session == open.Session;
        var replayed = false;
        if (sameSession && _lastOf.TryGetValue(user, out var previous))
        {
            if (_beforeLast.TryGetValue(user, out var twoBack))
            {
                if (!_afterPairs.TryGetValue((twoBack, previous.Track), out var next)) _afterPairs[(twoBack, previous.Track)] = next = [];
                next[track] = next.GetValueOrDefault(track) + 1;
            }

            _beforeLast[user] = previous.Track;
            var m = _artistMoves.GetValueOrDefault(previous.Artist);
            _artistMoves[previous.Artist] = (m.Moves + 1, m.Stays + (previous.Artist == artist ? 1 : 0));
            replayed = previous.Track == track;
        }

        if (!sameSession) _beforeLast.Remove(user);
        var repeated = _sessions[open.Session].Contains(track);
        var t = _trackRepeats.GetValueOrDefault(track);
        _trackRepeats[track] = (t.Plays + 1, t.Repeats + (repeated ? 1 : 0), t.Replays + (replayed ? 1 : 0));
        _lastOf[user] = (track, artist);
        _openSession[user] = (open.Session, timeMs);
        if (!_sessions[open.Session].Add(track)) return;
        if (!_sessionsOfTrack.TryGetValue(track, out var list)) _sessionsOfTrack[track] = list = [];
        list.Add(open.Session);
    }

    /// <summary>Seconds since the track's last and first play, its decayed plays and listeners; (NaN, NaN, 0, 0, 0) when unseen.</summary>
    public (double LastAgoS, double FirstAgoS, double Hour, double Day, int Listeners) Of(int track, long nowMs) =>
        _tracks.TryGetValue(track, out var e)
            ? ((nowMs - e.LastMs) / 1000.0, (nowMs - e.FirstMs) / 1000.0, e.DecayedHour(nowMs), e.DecayedDay(nowMs), e.Listeners.Count)
            : (double.NaN, double.NaN, 0, 0, 0);

    /// <summary>Of the moves away from a play of <paramref name="artist"/> inside a session: how many, and how many stayed with it.</summary>
    public (int Moves, int Stays) ArtistMoves(int artist) => _artistMoves.GetValueOrDefault(artist);

    /// <summary>Plays of the track, how many of them repeated it inside a session, and how many replayed it right away.</summary>
    public (int Plays, int Repeats, int Replays) TrackRepeats(int track) => _trackRepeats.GetValueOrDefault(track);

    /// <summary>How often <paramref name="track"/> followed the two tracks <paramref name="twoBack"/>, <paramref name="previous"/> inside a session.</summary>
    public int AfterPair(int twoBack, int previous, int track) =>
        _afterPairs.TryGetValue((twoBack, previous), out var next) ? next.GetValueOrDefault(track) : 0;

    /// <summary>Per session: how many of <paramref name="context"/> it holds, for every session holding at least one.</summary>
    public Dictionary<int, int> SessionsHolding(IEnumerable<int> context)
    {
        var overlap = new Dictionary<int, int>();
        foreach (var track in context)
        {
            if (!_sessionsOfTrack.TryGetValue(track, out var sessions)) continue;
            foreach (var s in sessions) overlap[s] = overlap.GetValueOrDefault(s) + 1;
        }

        return overlap;
    }

    /// <summary>Sessions holding <paramref name="track"/> and part of the context, and Σ overlap ÷ session size over them.</summary>
    public (int Sessions, double Overlap) CoSessions(int track, Dictionary<int, int> contextSessions)
    {
        if (!_sessionsOfTrack.TryGetValue(track, out var sessions)) return (0, 0);
        var count = 0;
        var overlap = 0.0;
        foreach (var s in sessions)
        {
            if (!contextSessions.TryGetValue(s, out var shared)) continue;
            count++;
            overlap += shared / (double)_sessions[s].Count;
        }

        return (count, overlap);
    }

    private sealed class Entry
    {
        public long FirstMs;
        public long LastMs;
        public long StampMs;
        public double Hour;
        public double Day;
        public HashSet<string> Listeners { get; } = new(StringComparer.Ordinal);

        public double DecayedHour(long nowMs) => Hour * Math.Pow(2, -(nowMs - StampMs) / 3_600_000.0);

        public double DecayedDay(long nowMs) => Day * Math.Pow(2, -(nowMs - StampMs) / 86_400_000.0);
    }
}
