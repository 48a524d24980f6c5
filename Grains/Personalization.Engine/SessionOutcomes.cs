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

    // A session holds a few dozen steps: small arrays scanned linearly cost a fraction of hash sets (built three times
    // per recommendation, they were a third of its allocations).
    private readonly int[] _held;
    private readonly int[] _limitedArtists;
    private readonly int[] _completed;
    private readonly int _allowance;

    private SessionOutcomes(int[] held, int[] limitedArtists, int[] completed, int allowance)
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
        ref readonly var history = ref state.History;
        var start = state.SessionStartIndex();
        var steps = history.Count - start; // at most the history's capacity (≤ 1,000)
        var buffer = steps <= SmallSets.StackSteps ? stackalloc int[6 * SmallSets.StackSteps] : new int[6 * steps]; // 3 KB of stack at most
        var held = buffer.Slice(0, steps);
        var decided = buffer.Slice(steps, steps);
        var completed = buffer.Slice(2 * steps, steps);
        var limited = buffer.Slice(3 * steps, steps);
        var skippedArtists = buffer.Slice(4 * steps, steps);
        var skips = buffer.Slice(5 * steps, steps);
        int heldCount = 0, decidedCount = 0, completedCount = 0, limitedCount = 0, skippedArtistCount = 0;
        var listensAfter = 0;
        for (var i = history.Count - 1; i >= start; i--)
        {
            var step = history[i];
            if ((step.Flags & StepFlags.Liked) != 0 && listensAfter < options.LikedRepeatSpacing) SmallSets.AddNew(held, ref heldCount, step.Track);
            if (!step.IsListen) continue;
            listensAfter++;
            var firstDecision = SmallSets.AddNew(decided, ref decidedCount, step.Track);
            if (step.EarlySkipped)
            {
                if (firstDecision) SmallSets.AddNew(held, ref heldCount, step.Track); // its last listen in the session was an early skip
                var a = skippedArtists[..skippedArtistCount].IndexOf(step.Artist);
                if (a < 0)
                {
                    a = skippedArtistCount++;
                    skippedArtists[a] = step.Artist;
                    skips[a] = 0;
                }

                if (options.ArtistSkipsToLimit > 0 && ++skips[a] >= options.ArtistSkipsToLimit) SmallSets.AddNew(limited, ref limitedCount, step.Artist);
                continue;
            }

            if ((step.Flags & StepFlags.Completed) != 0 || step.Kind == SignalKind.Complete) SmallSets.AddNew(completed, ref completedCount, step.Track);
        }

        return heldCount == 0 && limitedCount == 0 && completedCount == 0
            ? None
            : new SessionOutcomes(held[..heldCount].ToArray(), limited[..limitedCount].ToArray(), completed[..completedCount].ToArray(), options.SkippedArtistAllowance);
    }

    /// <summary>Whether <paramref name="track"/> was completed in the session: served again, it is a repeat.</summary>
    public bool IsRepeat(int track) => _completed.AsSpan().Contains(track);

    /// <summary><paramref name="ranked"/> without the tracks the session rules out, in the same order, lazily.</summary>
    public IEnumerable<RecommendedTrack> Apply(IEnumerable<RecommendedTrack> ranked)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return _held.Length == 0 && _limitedArtists.Length == 0 ? ranked : Filter(ranked);
    }

    private IEnumerable<RecommendedTrack> Filter(IEnumerable<RecommendedTrack> ranked)
    {
        var served = new int[_limitedArtists.Length]; // tracks given so far of each limited artist
        foreach (var r in ranked)
        {
            if (_held.AsSpan().Contains(r.Track)) continue;
            var limited = r.Artist >= 0 ? Array.IndexOf(_limitedArtists, r.Artist) : -1;
            if (limited >= 0 && ++served[limited] > _allowance) continue;
            yield return r;
        }
    }
}
