namespace Personalization.Engine;

/// <summary>
/// The listener contract's session rules (docs/listener-contract.md), read from the current session's steps: a track
/// whose last listen in the session was an early skip is not served again in the session; of an artist early-skipped
/// <see cref="EngineOptions.ArtistSkipsToLimit"/> times, a list holds at most <see cref="EngineOptions.SkippedArtistAllowance"/>
/// tracks; a liked track waits <see cref="EngineOptions.LikedRepeatSpacing"/> listens; a track completed in the session
/// may come back and is a repeat. Rules, not scores: whatever the sources and the re-ranker say, they hold.
/// </summary>
public sealed class SessionOutcomes
{
    private static readonly SessionOutcomes None = new([], [], [], 0);

    private readonly HashSet<int> _held;
    private readonly HashSet<int> _limitedArtists;
    private readonly HashSet<int> _completed;
    private readonly int _allowance;

    private SessionOutcomes(HashSet<int> held, HashSet<int> limitedArtists, HashSet<int> completed, int allowance)
    {
        _held = held;
        _limitedArtists = limitedArtists;
        _completed = completed;
        _allowance = allowance;
    }

    /// <summary>The rules of the session active at <paramref name="nowMs"/> (none when no session is active).</summary>
    public static SessionOutcomes Of(ListenerState state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsSessionActive(nowMs)) return None;
        var options = state.Options;
        var history = state.History;
        var start = state.SessionStartIndex();
        HashSet<int> held = [], decided = [], completed = [], limited = [];
        var skipsByArtist = new Dictionary<int, int>();
        var listensAfter = 0;
        for (var i = history.Count - 1; i >= start; i--)
        {
            var step = history[i];
            if ((step.Flags & StepFlags.Liked) != 0 && listensAfter < options.LikedRepeatSpacing) held.Add(step.Track);
            if (!step.IsListen) continue;
            listensAfter++;
            if (step.EarlySkipped)
            {
                if (decided.Add(step.Track)) held.Add(step.Track); // its last listen in the session was an early skip
                var skips = skipsByArtist[step.Artist] = skipsByArtist.GetValueOrDefault(step.Artist) + 1;
                if (options.ArtistSkipsToLimit > 0 && skips >= options.ArtistSkipsToLimit) limited.Add(step.Artist);
                continue;
            }

            decided.Add(step.Track);
            if ((step.Flags & StepFlags.Completed) != 0 || step.Kind == SignalKind.Complete) completed.Add(step.Track);
        }

        return held.Count == 0 && limited.Count == 0 && completed.Count == 0
            ? None
            : new SessionOutcomes(held, limited, completed, options.SkippedArtistAllowance);
    }

    /// <summary>Whether <paramref name="track"/> was completed in the session: served again, it is a repeat.</summary>
    public bool IsRepeat(int track) => _completed.Contains(track);

    /// <summary><paramref name="ranked"/> without the tracks the session rules out, in the same order, lazily.</summary>
    public IEnumerable<RecommendedTrack> Apply(IEnumerable<RecommendedTrack> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return _held.Count == 0 && _limitedArtists.Count == 0 ? ranked : Filter(ranked);
    }

    private IEnumerable<RecommendedTrack> Filter(IEnumerable<RecommendedTrack> ranked)
    {
        var served = new Dictionary<int, int>();
        foreach (var r in ranked)
        {
            if (_held.Contains(r.Track)) continue;
            if (r.Artist >= 0 && _limitedArtists.Contains(r.Artist))
            {
                var n = served[r.Artist] = served.GetValueOrDefault(r.Artist) + 1;
                if (n > _allowance) continue;
            }

            yield return r;
        }
    }
}
