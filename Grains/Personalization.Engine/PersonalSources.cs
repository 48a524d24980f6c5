namespace Personalization.Engine;

/// <summary>
/// Candidate sources read from the listener's own bounded history (no model needed): what followed the session's
/// recent tracks when this listener played them before (people replay their own sequences: albums, playlists).
/// </summary>
internal sealed class PersonalSources(EngineOptions options)
{
    private readonly long _sessionGapMs = (long)options.SessionGap.TotalMilliseconds;

    /// <summary>
    /// For each earlier occurrence of one of the session's last <see cref="EngineOptions.PersonalAnchors"/> tracks (k-th most
    /// recent weighted 1/k), the next <see cref="EngineOptions.PersonalTransitionWindow"/> steps of that same session
    /// (weighted 1/gap). Contributions add up, so a sequence replayed often weighs more.
    /// </summary>
    public void AddRepeatedSequences(ListenerState state, CandidatePool pool)
    {
        if (!(options.PersonalTransitionSourceWeight > 0)) return;
        ref readonly var history = ref state.History;
        var last = history.Count - 1;
        if (last < 1) return;

        Span<int> anchors = stackalloc int[options.PersonalAnchors];
        var n = 0;
        for (var i = last; i >= state.SessionStartIndex() && n < anchors.Length; i--)
        {
            var step = history[i];
            if (!step.IsListen || step.EarlySkipped || anchors[..n].Contains(step.Track)) continue;
            anchors[n++] = step.Track;
        }

        for (var i = 0; i < last; i++)
        {
            var k = anchors[..n].IndexOf(history[i].Track);
            if (k < 0) continue;
            var weight = options.PersonalTransitionSourceWeight / (k + 1);
            // The same two steps in a row as now (the occurrence's predecessor is the session's previous track): a replayed sequence.
            if (k == 0 && n > 1 && i > 0 && history[i - 1].Track == anchors[1]) weight *= 1 + options.PersonalContextBonus;
            for (var gap = 1; gap <= options.PersonalTransitionWindow && i + gap <= last; gap++)
            {
                var next = history[i + gap];
                if (next.TimeMs - history[i + gap - 1].TimeMs >= _sessionGapMs) break; // that session ended there
                if (!next.IsListen || next.EarlySkipped) continue;
                pool.Add(next.Track, next.Artist, weight / gap, ReasonKind.AfterTrack, history[i].Track);
            }
        }
    }
}
