using Personalization.Engine.Rewards;

namespace Personalization.Engine;

/// <summary>
/// One listener's live state: taste profile (decayed artist and track affinities), bounded history of steps (the
/// current session is its tail, derived from the inactivity gap), rejected tracks, recent event ids and counters.
/// Every collection is bounded by <see cref="EngineOptions"/>. Not thread-safe: its grain serializes access.
/// </summary>
/// <remarks>
/// Its parts are structs held in its own fields (one object instead of eleven: 416 bytes instead of 736 in a heap dump,
/// counters in 32 bits included) and exposed by reference: call their members through the property (<c>state.History.Add(…)</c>) or
/// a <c>ref</c> local. A plain <c>var</c> local is a copy, which may be read but must not be changed.
/// </remarks>
public sealed class ListenerState
{
    private readonly EngineOptions _options;
    private readonly long _sessionGapMs;
    private AffinityTable _artists;
    private AffinityTable _tracks;
    private HistoryRing _history;
    private EventIdWindow _seenEvents;
    private BlockList _blockedTracks;
    private ListenerCounters _counters;
    private ListeningPace _pace;
    private RewardLedger _rewards;

    public ListenerState(EngineOptions options)
    {
        _options = options;
        _sessionGapMs = (long)options.SessionGap.TotalMilliseconds;
        _artists = new AffinityTable(options.MaxArtistAffinities, options.AffinityHalfLife);
        _tracks = new AffinityTable(options.MaxTrackAffinities, options.AffinityHalfLife);
        _history = new HistoryRing(options.HistoryCapacity);
        _seenEvents = new EventIdWindow(options.DedupeWindow);
        _blockedTracks = new BlockList(options.MaxBlockedTracks);
        _rewards = new RewardLedger(options.Rewards, options.SessionGap);
        _pace = new ListeningPace(options.MinListenInterval, options.ListenBurst);
    }

    public EngineOptions Options => _options;
    public ref AffinityTable Artists => ref _artists;
    public ref AffinityTable Tracks => ref _tracks;
    public ref HistoryRing History => ref _history;
    public ref EventIdWindow SeenEvents => ref _seenEvents;
    public ref BlockList BlockedTracks => ref _blockedTracks;
    public ref ListenerCounters Counters => ref _counters;

    /// <summary>How fast this listener's steps come, for what they may teach the shared model (memory only).</summary>
    public ref ListeningPace Pace => ref _pace;

    /// <summary>Served lists and the outcomes attributed to them (see <see cref="RewardLedger"/>).</summary>
    public ref RewardLedger Rewards => ref _rewards;

    /// <summary>Number of events applied so far (duplicates excluded); the journal's sequence.</summary>
    public long Sequence { get; set; }

    public long LastEventMs { get; set; }

    public bool IsDuplicate(string eventId) => SeenEvents.Contains(StableHash.Of(eventId));

    /// <summary>
    /// Whether an imported event at <paramref name="timeMs"/> is already covered by this history: it is older than the
    /// newest applied event, or it is at that instant and its id is in the window. Imports arrive in event-time order,
    /// so this makes a repeated or resumed import change nothing, however many events it holds (the id window alone
    /// remembers only <see cref="EngineOptions.DedupeWindow"/> of them).
    /// </summary>
    public bool Covers(string eventId, long timeMs) =>
        Sequence > 0 && (timeMs < LastEventMs || (timeMs == LastEventMs && IsDuplicate(eventId)));

    /// <summary>Applies one signal unless its event id was seen inside the window (then it is counted as a duplicate only).</summary>
    public StepChange Apply(string eventId, Listen listen)
    {
        var hash = StableHash.Of(eventId);
        if (SeenEvents.Contains(hash))
        {
            Counters.Duplicates++;
            return StepChange.Duplicate;
        }

        SeenEvents.Add(hash);
        Sequence++;
        Counters.Count(listen.Kind);
        var change = UpdateHistory(listen);
        if (change.EarlySkip) Counters.EarlySkips++;
        if (change.NewSession) Counters.Sessions++;
        Rewards.Observe(listen, change.EarlySkip, LastEventMs);
        LastEventMs = Math.Max(LastEventMs, listen.TimeMs);
        return change;
    }

    public bool IsSessionActive(long nowMs) =>
        History.TryGetLast(out var last) && nowMs - last.TimeMs < _sessionGapMs;

    /// <summary>Index in <see cref="History"/> of the current session's first step (Count when there is none).</summary>
    public int SessionStartIndex()
    {
        if (History.Count == 0) return 0;
        var i = History.Count - 1;
        while (i > 0 && History[i].TimeMs - History[i - 1].TimeMs < _sessionGapMs) i--;
        return i;
    }

    /// <summary>The track of the current session's most recent listen (-1 when there is none).</summary>
    public int PlayingTrack()
    {
        var start = SessionStartIndex();
        for (var i = History.Count - 1; i >= start; i--)
        {
            if (History[i].IsListen) return History[i].Track;
        }

        return -1;
    }

    /// <summary>Trailing early skips in the current session.</summary>
    public int SkipStreak()
    {
        var streak = 0;
        var start = SessionStartIndex();
        for (var i = History.Count - 1; i >= start && History[i].EarlySkipped; i--) streak++;
        return streak;
    }

    public bool IsArtistDisliked(int artist, long nowMs) => Artists.Get(artist, nowMs) <= _options.DislikedArtistThreshold;

    /// <summary>Session steps before the last one, most recent first (for transition learning).</summary>
    public int CopyPredecessors(Span<int> destination)
    {
        var written = 0;
        var start = SessionStartIndex();
        for (var i = History.Count - 2; i >= start && written < destination.Length; i--)
        {
            if (History[i].IsListen) destination[written++] = History[i].Track;
        }

        return written;
    }

    /// <summary>The artist of <paramref name="track"/> as this listener last heard it (-1 when it is not in the history).</summary>
    public int ArtistInHistory(int track)
    {
        for (var i = History.Count - 1; i >= 0; i--)
        {
            if (History[i].Track == track) return History[i].Artist;
        }

        return -1;
    }

    /// <summary>Adds every track and artist id this state references (history, affinities, blocks, served lists).</summary>
    public void CollectIds(HashSet<int> ids)
    {
        for (var i = 0; i < History.Count; i++)
        {
            ids.Add(History[i].Track);
            ids.Add(History[i].Artist);
        }

        Artists.CollectIds(ids);
        Tracks.CollectIds(ids);
        foreach (var b in BlockedTracks.ToArray()) ids.Add(b);
        ref readonly var served = ref Rewards.Served;
        for (var k = 0; k < served.Count; k++)
        {
            var slot = served.SlotOf(k);
            for (var p = 0; p < served.ItemCount(slot); p++) ids.Add(served.TrackAt(slot, p));
        }
    }

    public void Clear()
    {
        Artists.Clear();
        Tracks.Clear();
        History.Clear();
        SeenEvents.Clear();
        BlockedTracks.Clear();
        Counters.Reset();
        Rewards.Clear();
        Sequence = 0;
        LastEventMs = 0;
    }

    private StepChange UpdateHistory(Listen listen)
    {
        var hasLast = History.TryGetLast(out var last);
        var sameSession = hasLast && listen.TimeMs - last.TimeMs < _sessionGapMs;
        var continuesStep = sameSession && last.Track == listen.Track && !(listen.Kind == SignalKind.Play && (IsFinished(last) || IsReplay(last, listen)));
        var earlySkip = listen.Kind == SignalKind.Skip && IsEarlySkip(listen);
        var flags = FlagsOf(listen.Kind, earlySkip);
        var isListen = listen.Kind is SignalKind.Play or SignalKind.Complete or SignalKind.Skip;

        double delta;
        if (continuesStep)
        {
            // A completion or skip of the playing track replaces the "play" credit it already got.
            var credited = last.Kind == SignalKind.Play && isListen ? _options.PlayWeight : 0;
            delta = WeightOf(listen.Kind, earlySkip) - credited;
            var kind = isListen ? listen.Kind : last.Kind;
            History.ReplaceLast(last with { Kind = kind, Flags = last.Flags | flags, TimeMs = Math.Max(last.TimeMs, listen.TimeMs) });
        }
        else
        {
            delta = WeightOf(listen.Kind, earlySkip);
            History.Add(new HistoryEntry(listen.Track, listen.Artist, listen.TimeMs, listen.Kind, flags));
        }

        if (delta != 0)
        {
            Artists.Add(listen.Artist, delta, listen.TimeMs);
            Tracks.Add(listen.Track, delta, listen.TimeMs);
        }

        if (listen.Kind == SignalKind.Dislike) BlockedTracks.Add(listen.Track);
        if (listen.Kind is SignalKind.Like or SignalKind.Save) BlockedTracks.Remove(listen.Track);

        // Feedback (like, save, dislike) on a track that is not playing is history, not a listening step.
        var newStep = isListen && !continuesStep;
        return new StepChange(true, newStep, newStep && !sameSession, earlySkip);
    }

    private static bool IsFinished(HistoryEntry entry) => entry.Kind is SignalKind.Complete or SignalKind.Skip;

    /// <summary>A new play of the playing track long enough after its start is a replay (a new step), not a resume.</summary>
    private bool IsReplay(HistoryEntry last, Listen listen) => listen.TimeMs - last.TimeMs >= _options.ReplayAfter.TotalMilliseconds;

    private bool IsEarlySkip(Listen listen) =>
        listen.DurationMs > 0
            ? listen.PositionMs < _options.EarlySkipFraction * listen.DurationMs
            : listen.PositionMs < _options.EarlySkipMs;

    private double WeightOf(SignalKind kind, bool earlySkip) => kind switch
    {
        SignalKind.Play => _options.PlayWeight,
        SignalKind.Complete => _options.CompleteWeight,
        SignalKind.Skip => earlySkip ? _options.EarlySkipWeight : _options.LateSkipWeight,
        SignalKind.Like => _options.LikeWeight,
        SignalKind.Save => _options.SaveWeight,
        SignalKind.Dislike => _options.DislikeWeight,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signal kind."),
    };

    private static StepFlags FlagsOf(SignalKind kind, bool earlySkip) => kind switch
    {
        SignalKind.Skip when earlySkip => StepFlags.EarlySkip,
        SignalKind.Complete => StepFlags.Completed,
        SignalKind.Like => StepFlags.Liked,
        SignalKind.Save => StepFlags.Saved,
        SignalKind.Dislike => StepFlags.Disliked,
        _ => StepFlags.None,
    };
}
