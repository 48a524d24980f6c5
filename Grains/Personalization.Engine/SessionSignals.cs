namespace Personalization.Engine;

/// <summary>
/// What the current session says about how this listener moves on: of its moves (listens after the first), how many
/// stayed with the previous listen's artist, how many repeated a track already played in the session, and how many of
/// those replayed the previous track itself. Read from the bounded history; nothing is stored.
/// </summary>
internal readonly record struct SessionSignals(int Moves, int ArtistStays, int Repeats, int Replays)
{
    public static SessionSignals Of(ListenerState state)
    {
        ref readonly var history = ref state.History;
        var start = state.SessionStartIndex();
        int moves = 0, stays = 0, repeats = 0, replays = 0;
        var previous = -1;
        for (var i = start; i < history.Count; i++)
        {
            var step = history[i];
            if (!step.IsListen) continue;
            if (previous >= 0)
            {
                moves++;
                if (step.Artist == history[previous].Artist) stays++;
                if (step.Track == history[previous].Track) replays++;
                if (PlayedBetween(state, step.Track, start, i)) repeats++;
            }

            previous = i;
        }

        return new SessionSignals(moves, stays, repeats, replays);
    }

    /// <summary>
    /// How much more (or less) likely than <paramref name="prior"/> the session makes an outcome seen
    /// <paramref name="count"/> times in <see cref="Moves"/>: the smoothed rate (count + strength·prior) / (moves + strength)
    /// divided by the prior. 1 with no moves yet or a strength of 0 (disabled).
    /// </summary>
    public double Lift(int count, double prior, double strength)
    {
        if (!(strength > 0) || !(prior > 0) || Moves == 0) return 1;
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
