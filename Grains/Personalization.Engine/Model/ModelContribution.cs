namespace Personalization.Engine.Model;

/// <summary>
/// What one listener's step may teach the shared model. The listener's own state records every step; the shared counts
/// get at most one vote per listener and window: a track's play counts (trending, popularity, its artist's top) once
/// per <see cref="EngineOptions.PlayCountWindow"/>, a transition (predecessor → track) once per
/// <see cref="EngineOptions.TransitionCountWindow"/>. A step taken faster than a person listens (<see cref="ListeningPace"/>)
/// or a completion at position 0 teaches nothing. Windows are checked against the listener's bounded history, so they
/// cost no memory of their own. (Whether a new track or transition enters the shared lists at all is the model shard's
/// admission, <see cref="ModelAdmission"/>.)
/// </summary>
public static class ModelContribution
{
    /// <summary>
    /// The observation of the step just applied (the last entry of <paramref name="state"/>'s history), or null when it
    /// teaches nothing. <paramref name="listener"/> is a stable hash of the listener (admission counts distinct ones).
    /// </summary>
    public static ModelObservation? Of(ListenerState state, Listen listen, ulong listener, bool zeroLength)
    {
        var options = state.Options;
        if (zeroLength || !state.Pace.TryTake(listen.TimeMs)) return null;
        ref readonly var history = ref state.History;
        var last = history.Count - 1;
        if (last < 0) return null;
        var countsPlay = options.PlayCountWindow <= TimeSpan.Zero || !ListenedBefore(state, last, listen.Track, listen.TimeMs - (long)options.PlayCountWindow.TotalMilliseconds);

        Span<int> candidates = stackalloc int[options.TransitionWindow];
        var n = state.CopyPredecessors(candidates);
        var predecessors = new List<int>(n);
        var since = listen.TimeMs - (long)options.TransitionCountWindow.TotalMilliseconds;
        for (var k = 0; k < n; k++)
        {
            var p = candidates[k];
            // A pair this listener taught in its window: -1 keeps the gap (weight 1/gap) of the predecessors after it.
            var counted = options.TransitionCountWindow > TimeSpan.Zero && (predecessors.Contains(p) || LearnedPairBefore(state, last, p, listen.Track, since));
            predecessors.Add(counted ? -1 : p);
        }

        while (predecessors.Count > 0 && predecessors[^1] == -1) predecessors.RemoveAt(predecessors.Count - 1);
        return new ModelObservation(listen.Track, listen.Artist, listen.TimeMs, 1f, [.. predecessors], listener, countsPlay);
    }

    /// <summary>Whether <paramref name="track"/> was a listening step before index <paramref name="before"/> at or after <paramref name="sinceMs"/>.</summary>
    private static bool ListenedBefore(ListenerState state, int before, int track, long sinceMs)
    {
        for (var i = before - 1; i >= 0 && state.History[i].TimeMs >= sinceMs; i--)
        {
            if (state.History[i].IsListen && state.History[i].Track == track) return true;
        }

        return false;
    }

    /// <summary>Whether an earlier step of <paramref name="track"/> since <paramref name="sinceMs"/> had <paramref name="predecessor"/> among its session predecessors.</summary>
    private static bool LearnedPairBefore(ListenerState state, int before, int predecessor, int track, long sinceMs)
    {
        ref readonly var history = ref state.History;
        var window = state.Options.TransitionWindow;
        var gapMs = (long)state.Options.SessionGap.TotalMilliseconds;
        for (var i = before - 1; i >= 0 && history[i].TimeMs >= sinceMs; i--)
        {
            if (!history[i].IsListen || history[i].Track != track) continue;
            var seen = 0;
            for (var j = i - 1; j >= 0 && seen < window && history[j + 1].TimeMs - history[j].TimeMs < gapMs; j--)
            {
                if (!history[j].IsListen) continue;
                if (history[j].Track == predecessor) return true;
                seen++;
            }
        }

        return false;
    }
}
