namespace Personalization.Engine;

/// <summary>
/// What the current session says about how this listener moves on: of its steps after the first, how many stayed with
/// the previous step's artist, how many repeated a track already played in the session, and how many came from the
/// listener's history before the session. Read from the bounded history; nothing is stored.
/// </summary>
internal readonly record struct SessionSignals(double Moves, double ArtistStays, double Repeats, double HistoryReturns)
{
    public static SessionSignals Of(ListenerState state, double earlierSessionsWeight, long sessionGapMs)
    {
        var history = state.History;
        var start = state.SessionStartIndex();
        double moves = 0, stays = 0, repeats = 0, returns = 0;
        var previous = -1;
        var sessionStart = 0;
        var from = earlierSessionsWeight > 0 ? 0 : start;
        for (var i = from; i < history.Count; i++)
        {
            var step = history[i];
            if (!step.IsListen) continue;
            if (previous >= 0 && step.TimeMs - history[previous].TimeMs >= sessionGapMs)
            {
                previous = -1;
                sessionStart = i;
            }

            if (i == start) sessionStart = start;
            if (previous >= 0)
            {
                var w = i > start ? 1 : earlierSessionsWeight;
                moves += w;
                if (step.Artist == history[previous].Artist) stays += w;
                if (PlayedBetween(state, step.Track, sessionStart, i)) repeats += w;
                else if (PlayedBetween(state, step.Track, 0, sessionStart)) returns += w;
            }

            previous = i;
        }

        return new SessionSignals(moves, stays, repeats, returns);
    }

    /// <summary>
    /// How much more (or less) likely than <paramref name="prior"/> the session makes an outcome seen
    /// <paramref name="count"/> times in <see cref="Moves"/>: (count + strength·prior) / (moves + strength) / prior.
    /// 1 with no moves or a strength of 0 (disabled).
    /// </summary>
    public double Lift(double count, double prior, double strength)
    {
        if (!(strength > 0) || !(prior > 0) || !(Moves > 0)) return 1;
        return (count + strength * prior) / (Moves + strength) / prior;
    }

    private static bool PlayedBetween(ListenerState state, int track, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (state.History[i].Track == track && state.History[i].IsListen) return true;
        }

        return false;
    }
}
