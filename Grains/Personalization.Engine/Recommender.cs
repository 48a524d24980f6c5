using System.Buffers;
using System.Runtime.InteropServices;
using Personalization.Engine.Catalog;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;

namespace Personalization.Engine;

/// <summary>
/// Scores candidates from several sources and ranks them: transitions from the session's last tracks (learned from
/// every listener), what followed those tracks in the listener's own history, the session's artists, the listener's
/// favourite artists, the listener's own liked tracks, and trending. Each source's scores are normalized to [0, 1] and
/// weighted by a named option; a track's reason is the source that contributed most. How the current session moves on
/// (<see cref="SessionSignals"/>: artist stays, repeats, replays) lifts the session-artist source, the session's earlier
/// tracks and the playing track against their priors. Disliked tracks and artists and exclusions are never returned; the
/// playing track only when <see cref="EngineOptions.RecommendPlayingTrack"/> allows a replay.
/// Deterministic for a given state, model and learned re-ranker: ties are broken by track id. In a session, once the
/// silo's <see cref="LearnedRanker"/> has a model, the top <see cref="RankerOptions.Candidates"/> are re-ordered by it
/// (each keeps its score and reason); <see cref="ExampleFor"/> makes the plays it learns from.
/// </summary>
public sealed class Recommender(EngineOptions options, LearnedRanker? ranker = null)
{
    private readonly PersonalSources _personal = new(options);

    // Math.Pow results the hot path needs again and again, computed once with Math.Pow itself (so scores are bit-identical);
    // used only while the options still hold the values they were computed for.
    private readonly double _anchorExponent = options.AnchorDecayExponent;
    private readonly double[] _anchorWeights = Powers(options.SessionAnchors + 1, k => Math.Pow(k, -options.AnchorDecayExponent));
    private readonly double _artistDecay = options.SessionArtistDecay;
    private readonly double[] _artistDecayPowers = Powers(options.HistoryCapacity + 1, k => Math.Pow(options.SessionArtistDecay, k));
    private readonly double _successorDamping = options.SuccessorPopularityDamping;
    private readonly double[] _dampingByPlays = Powers(1025, k => Math.Pow(Math.Max(1, k), -options.SuccessorPopularityDamping));

    public IReadOnlyList<RecommendedTrack> Recommend(
        ListenerState state, IModelView model, long nowMs, int count, IReadOnlySet<int>? exclude = null, ServeRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        count = Math.Min(count, options.MaxRecommendations);

        var ranked = new List<RecommendedTrack>(count);
        foreach (var r in Served(state, model, nowMs, exclude, rules))
        {
            ranked.Add(r);
            if (ranked.Count == count) break;
        }

        return ranked;
    }

    /// <summary>
    /// What a listener is served, best first, lazily: <see cref="RankAll"/>, with its top
    /// <see cref="RankerOptions.Candidates"/> re-ordered by the silo's learned re-ranker when it has a model and a session
    /// is active. The exploration policy re-ranks this order.
    /// </summary>
    public IEnumerable<RecommendedTrack> Served(ListenerState state, IModelView model, long nowMs, IReadOnlySet<int>? exclude = null, ServeRules? rules = null)
    {
        var outcomes = SessionOutcomes.Of(state, nowMs); // the ranking and the fill hold the same session rules
        var all = RankAll(state, model, nowMs, exclude, rules, outcomes);
        var served = ranker?.Current is { } learned && state.IsSessionActive(nowMs) ? Reranked(learned, state, model, nowMs, all) : all;
        // The session's outcomes (early skips, a skipped artist's allowance, liked-track spacing) hold for the fill too:
        // applied over the whole list, so the allowance counts what the ranked part already gave (a second pass over
        // the ranked part drops nothing more).
        return options.FillShortLists ? outcomes.Apply(WithFill(served, state, model, nowMs, exclude, rules)) : served;
    }

    /// <summary>
    /// The ranked tracks, then, once they run out, the fill that keeps a list from coming back short while the cluster
    /// knows enough tracks: the model's long-memory popular tracks (<see cref="ReasonKind.Popular"/>), then the
    /// listener's own history, newest first (<see cref="ReasonKind.RecentlyPlayed"/>). Trending is a source of every
    /// list already. The same eligibility rules apply (blocked tracks, disliked artists, exclusions, the playing track).
    /// </summary>
    private IEnumerable<RecommendedTrack> WithFill(IEnumerable<RecommendedTrack> ranked, ListenerState state, IModelView model, long nowMs, IReadOnlySet<int>? exclude, ServeRules? rules)
    {
        var given = new HashSet<int>();
        foreach (var r in ranked)
        {
            given.Add(r.Track);
            yield return r;
        }

        var playing = state.IsSessionActive(nowMs) ? state.PlayingTrack() : -1;
        var popular = model.Popular.ToArray(); // the read model may swap the list while this enumerator is suspended
        foreach (var p in popular)
        {
            var artist = model.ArtistOf(p.Id);
            if (IsEligible(p.Id, artist, playing, state, nowMs, exclude, rules) && given.Add(p.Id))
            {
                yield return new RecommendedTrack(p.Id, artist, options.TrendingSourceWeight * PopularFillFactor * p.Weight, ReasonKind.Popular, -1);
            }
        }

        for (var i = state.History.Count - 1; i >= 0; i--)
        {
            var step = state.History[i];
            if (!step.IsListen || step.EarlySkipped || !IsEligible(step.Track, step.Artist, playing, state, nowMs, exclude, rules) || !given.Add(step.Track)) continue;
            yield return new RecommendedTrack(step.Track, step.Artist, 0, ReasonKind.RecentlyPlayed, step.Track);
        }
    }

    /// <summary>Fill items score below every trending item of the same weight.</summary>
    private const double PopularFillFactor = 0.1;

    /// <summary>
    /// What the learned re-ranker learns from a play of <paramref name="track"/> at <paramref name="nowMs"/>, asked
    /// before the play is applied: the engine's top candidates (its own order, never re-ranked, so what is learned does
    /// not depend on the model of the moment) with their features, and where the track is among them. Null when there
    /// is no re-ranker, no active session, the silo's example budget is spent (<see cref="LearnedRanker.TryReserve"/>),
    /// or the track is not among them (such a play teaches a re-ranker nothing).
    /// </summary>
    public RankingExample? ExampleFor(ListenerState state, IModelView model, long nowMs, int track)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        if (ranker is not { Options.Enabled: true } || !state.IsSessionActive(nowMs) || !ranker.TryReserve(nowMs)) return null;
        var top = new List<RecommendedTrack>(ranker.Options.Candidates);
        var target = -1;
        foreach (var r in RankAll(state, model, nowMs))
        {
            if (r.Track == track) target = top.Count;
            top.Add(r);
            if (top.Count == ranker.Options.Candidates) break;
        }

        return target < 0 ? null : new RankingExample(RankingFeatures.Of(state, model, top, nowMs), target);
    }

    private IEnumerable<RecommendedTrack> Reranked(RankerModel learned, ListenerState state, IModelView model, long nowMs, IEnumerable<RecommendedTrack> all)
    {
        using var rest = all.GetEnumerator();
        var head = new List<RecommendedTrack>(ranker!.Options.Candidates);
        while (head.Count < ranker.Options.Candidates && rest.MoveNext()) head.Add(rest.Current);
        int[] order;
        using (var span = EngineTracing.Source.StartActivity(EngineTracing.Rerank))
        {
            order = learned.Order(RankingFeatures.Of(state, model, head, nowMs));
            span?.SetTag("engine.rerank.candidates", head.Count);
        }

        foreach (var i in order) yield return head[i];
        while (rest.MoveNext()) yield return rest.Current;
    }

    /// <summary>
    /// Every eligible candidate in the engine's own order, best first, lazily (each item's
    /// <see cref="RecommendedTrack.Reason"/> is its candidate source): what <see cref="Served"/> re-orders and what the
    /// re-ranker's examples are made of.
    /// </summary>
    public IEnumerable<RecommendedTrack> RankAll(ListenerState state, IModelView model, long nowMs, IReadOnlySet<int>? exclude = null, ServeRules? rules = null) =>
        RankAll(state, model, nowMs, exclude, rules, SessionOutcomes.Of(state, nowMs));

    private IEnumerable<RecommendedTrack> RankAll(
        ListenerState state, IModelView model, long nowMs, IReadOnlySet<int>? exclude, ServeRules? rules, SessionOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        var pool = new CandidatePool();
        var sessionActive = state.IsSessionActive(nowMs);
        var playing = -1;
        using (var span = EngineTracing.Source.StartActivity(EngineTracing.Candidates))
        {
            var signals = sessionActive ? SessionSignals.Of(state) : default;
            if (rules is { Seed: >= 0 }) AddSeed(model, pool, rules.Seed);
            if (sessionActive)
            {
                AddTransitions(state, model, pool, out playing);
                _personal.AddRepeatedSequences(state, pool);
                AddSessionArtists(state, model, pool, signals.Lift(signals.ArtistStays, options.ArtistStayPrior, options.ArtistStayStrength));
            }

            AddFavoriteArtists(state, model, pool, nowMs);
            if (rules?.Releases is { } releases) AddNewReleases(state, releases, pool, nowMs);
            AddHistory(state, pool, nowMs);
            AddTrending(model, pool);
            if (sessionActive)
            {
                ScaleSessionRepeats(state, pool, playing, signals.Lift(signals.Repeats, options.RepeatPrior, options.RepeatStrength), options.RepeatAgeBonus);
                DampPlayingTrack(pool, playing, signals.Lift(signals.Replays, options.ReplayPrior, options.ReplayStrength));
            }

            span?.SetTag("engine.session_active", sessionActive);
        }

        return outcomes.Apply(Eligible(pool, playing, state, model, nowMs, exclude, rules));
    }

    private IEnumerable<RecommendedTrack> Eligible(
        CandidatePool pool, int playing, ListenerState state, IModelView model, long nowMs, IReadOnlySet<int>? exclude, ServeRules? rules)
    {
        foreach (var c in pool.Ranked())
        {
            var artist = c.Artist >= 0 ? c.Artist : model.ArtistOf(c.Track);
            if (artist < 0) artist = state.ArtistInHistory(c.Track); // a track the shared model has not admitted
            if (IsEligible(c.Track, artist, playing, state, nowMs, exclude, rules)) yield return new RecommendedTrack(c.Track, artist, c.Score, c.Reason, c.Anchor);
        }
    }

    /// <summary>
    /// Never a blocked track, a disliked artist's track, an excluded track, a track the request's rules refuse (catalogue,
    /// seed), or the playing track unless replays are allowed.
    /// </summary>
    private bool IsEligible(int track, int artist, int playing, ListenerState state, long nowMs, IReadOnlySet<int>? exclude, ServeRules? rules) =>
        !(track == playing && !options.RecommendPlayingTrack)
        && !state.BlockedTracks.Contains(track)
        && !(exclude?.Contains(track) ?? false)
        && !(artist >= 0 && state.IsArtistDisliked(artist, nowMs))
        && (rules?.Allows(track) ?? true);

    /// <summary>
    /// A radio from one track ("more like this"), for any listener: what listeners played after the seed, weighted as the
    /// session's most recent anchor, and the seed's artist's top tracks, weighted as the session's artist.
    /// </summary>
    private void AddSeed(IModelView model, CandidatePool pool, int seed)
    {
        var successors = model.SuccessorsOf(seed);
        if (!successors.IsEmpty)
        {
            var scale = options.TransitionSourceWeight / Math.Max(successors[0].Weight, options.TransitionEvidenceFloor);
            foreach (var s in successors) pool.Add(s.Id, -1, s.Weight * scale, ReasonKind.AfterTrack, seed);
        }

        var artist = model.ArtistOf(seed);
        if (artist >= 0) AddArtistTracks(model, pool, artist, options.SessionArtistSourceWeight, ReasonKind.SessionArtist);
    }

    private void AddTransitions(ListenerState state, IModelView model, CandidatePool pool, out int playing)
    {
        playing = -1;
        var anchors = new List<(int Track, int Rank)>(options.SessionAnchors);
        var start = state.SessionStartIndex();
        for (var i = state.History.Count - 1; i >= start && anchors.Count < options.SessionAnchors; i--)
        {
            var step = state.History[i];
            if (!step.IsListen) continue;
            if (playing < 0) playing = step.Track;
            if (step.EarlySkipped || IsAnchor(anchors, step.Track)) continue;
            anchors.Add((step.Track, anchors.Count + 1));
        }

        // Evidence adds up across anchors (the k-th most recent weighted k^-AnchorDecayExponent); each candidate's
        // evidence is damped by its popularity, and the summed scores are then scaled so the best candidate gets the
        // source weight. A successor seen once stays weaker than one seen often.
        // Each anchor's list is read from the model once, into one buffer that both passes walk (so they see the same
        // lists even if the read model is refreshed meanwhile), with each entry's damping kept beside it; one dictionary
        // entry per successor holds its summed evidence and its damping, computed once.
        var entries = ArrayPool<ScoredId>.Shared.Rent(256);
        Span<int> ends = stackalloc int[anchors.Count];
        var count = 0;
        for (var a = 0; a < anchors.Count; a++)
        {
            var list = model.SuccessorsOf(anchors[a].Track);
            if (count + list.Length > entries.Length) Grow(ref entries, count, count + list.Length);
            list.CopyTo(entries.AsSpan(count));
            count += list.Length;
            ends[a] = count;
        }

        var damping = ArrayPool<double>.Shared.Rent(Math.Max(1, count));
        var evidence = t_evidence ?? new Dictionary<int, SuccessorEvidence>(count);
        t_evidence = null; // taken: a nested call (there is none) would build its own
        try
        {
            evidence.Clear();
            for (int a = 0, i = 0; a < anchors.Count; a++)
            {
                var anchorWeight = AnchorWeight(anchors[a].Rank);
                for (; i < ends[a]; i++)
                {
                    var s = entries[i];
                    ref var e = ref CollectionsMarshal.GetValueRefOrAddDefault(evidence, s.Id, out _);
                    damping[i] = DampingOf(model, ref e, s.Id);
                    e.Total += s.Weight * anchorWeight * damping[i];
                }
            }

            if (evidence.Count == 0) return;
            var best = double.MinValue;
            foreach (var e in evidence.Values) best = Math.Max(best, e.Total);
            var scale = options.TransitionSourceWeight / Math.Max(best, options.TransitionEvidenceFloor);
            for (int a = 0, i = 0; a < anchors.Count; a++)
            {
                var (track, rank) = anchors[a];
                var anchorWeight = AnchorWeight(rank) * scale;
                for (; i < ends[a]; i++) pool.Add(entries[i].Id, -1, entries[i].Weight * anchorWeight * damping[i], ReasonKind.AfterTrack, track);
            }
        }
        finally
        {
            ArrayPool<ScoredId>.Shared.Return(entries);
            ArrayPool<double>.Shared.Return(damping);
            if (evidence.EnsureCapacity(0) <= MaxReusedEvidence) t_evidence = evidence;
        }
    }

    /// <summary>
    /// The successor-evidence table of the thread's last recommendation, reused (a recommendation is synchronous): a new one
    /// per call was most of what candidate generation allocated.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<int, SuccessorEvidence>? t_evidence;

    /// <summary>A table that grew beyond this many entries is not kept.</summary>
    private const int MaxReusedEvidence = 4_096;

    private static void Grow(ref ScoredId[] entries, int used, int needed)
    {
        var grown = ArrayPool<ScoredId>.Shared.Rent(Math.Max(needed, entries.Length * 2));
        entries.AsSpan(0, used).CopyTo(grown);
        ArrayPool<ScoredId>.Shared.Return(entries);
        entries = grown;
    }

    /// <summary>A successor's summed evidence over the anchors and its popularity damping (once <see cref="Damped"/>).</summary>
    private struct SuccessorEvidence
    {
        public double Total;
        public double Damping;
        public bool Damped;
    }

    private double DampingOf(IModelView model, ref SuccessorEvidence e, int track)
    {
        if (!e.Damped)
        {
            e.Damping = Damping(model, track);
            e.Damped = true;
        }

        return e.Damping;
    }

    private double AnchorWeight(int rank) =>
        options.AnchorDecayExponent == _anchorExponent && rank < _anchorWeights.Length ? _anchorWeights[rank] : Math.Pow(rank, -options.AnchorDecayExponent);

    private double ArtistDecayPower(int stepsAgo) =>
        options.SessionArtistDecay == _artistDecay && stepsAgo < _artistDecayPowers.Length ? _artistDecayPowers[stepsAgo] : Math.Pow(options.SessionArtistDecay, stepsAgo);

    private static double[] Powers(int count, Func<int, double> power)
    {
        var powers = new double[count];
        for (var k = 0; k < count; k++) powers[k] = power(k);
        return powers;
    }

    private static bool IsAnchor(List<(int Track, int Rank)> anchors, int track)
    {
        foreach (var a in anchors)
        {
            if (a.Track == track) return true;
        }

        return false;
    }

    /// <summary>1 / plays^SuccessorPopularityDamping, plays read from the track's artist's top list (1 when not there).</summary>
    private double Damping(IModelView model, int track)
    {
        var factor = 1.0;
        if (options.SuccessorPopularityDamping > 0 && model.TryGetTopWeight(track, out var plays))
        {
            var x = Math.Max(1, plays);
            factor = x <= 1024 && x == MathF.Floor(x) && options.SuccessorPopularityDamping == _successorDamping
                ? _dampingByPlays[(int)x] // play counts are mostly whole numbers: the same Math.Pow result, computed once
                : Math.Pow(x, -options.SuccessorPopularityDamping);
        }

        return factor;
    }

    /// <summary>The playing track is a less likely next track than its learned replays suggest.</summary>
    private void DampPlayingTrack(CandidatePool pool, int playing, double lift)
    {
        if (playing >= 0) pool.Scale(playing, options.PlayingTrackFactor * lift);
    }

    /// <summary>
    /// Tracks already played in the session (the playing one aside) are as much more likely again as the session repeats
    /// itself, and more so the longer ago their last play was (<see cref="EngineOptions.RepeatAgeBonus"/>). A track whose
    /// last play was an early skip is no repeat: it gets no boost (and <see cref="SessionOutcomes"/> holds it back).
    /// </summary>
    private static void ScaleSessionRepeats(ListenerState state, CandidatePool pool, int playing, double lift, double ageBonus)
    {
        if (lift == 1 && ageBonus == 0) return;
        ref readonly var history = ref state.History;
        var start = state.SessionStartIndex();
        var steps = history.Count - start;
        var scaled = steps <= SmallSets.StackSteps ? stackalloc int[SmallSets.StackSteps] : new int[steps];
        var scaledCount = 0;
        var listens = 0;
        for (var i = start; i < history.Count; i++) listens += history[i].IsListen ? 1 : 0;
        var since = 0; // listens after this step
        for (var i = history.Count - 1; i >= start; i--)
        {
            var step = history[i];
            if (!step.IsListen) continue;
            if (step.Track != playing && SmallSets.AddNew(scaled, ref scaledCount, step.Track) && !step.EarlySkipped) pool.Scale(step.Track, lift * (1 + ageBonus * since / listens));
            since++;
        }
    }

    private void AddSessionArtists(ListenerState state, IModelView model, CandidatePool pool, double lift)
    {
        var rank = 0;
        var start = state.SessionStartIndex();
        var last = state.History.Count - 1;
        var steps = last - start + 1;
        var buffer = steps <= SmallSets.StackSteps ? stackalloc int[2 * SmallSets.StackSteps] : new int[2 * Math.Max(0, steps)];
        var played = buffer[..Math.Max(0, steps)];
        var seen = buffer.Slice(played.Length, played.Length);
        int playedCount = 0, seenCount = 0;
        for (var i = start; i <= last; i++) SmallSets.AddNew(played, ref playedCount, state.History[i].Track);
        played = played[..playedCount];
        for (var i = last; i >= start; i--)
        {
            var step = state.History[i];
            if (!step.IsListen || step.EarlySkipped || !SmallSets.AddNew(seen, ref seenCount, step.Artist)) continue;
            rank++;
            var tracks = model.TopTracksOf(step.Artist);
            if (tracks.IsEmpty) continue;
            var artistWeight = SessionArtistWeight(state, step.Artist, rank, start, last);
            // "More by this artist" means the artist's other tracks: those already played in the session are damped.
            var scale = options.SessionArtistSourceWeight * artistWeight * lift;
            foreach (var t in tracks)
            {
                var factor = played.Contains(t.Id) ? options.SessionRepeatFactor : 1;
                var credit = Math.Pow(t.Weight / tracks[0].Weight, options.ArtistPopularityExponent);
                pool.Add(t.Id, step.Artist, credit * scale * factor, ReasonKind.SessionArtist, step.Artist);
            }
        }
    }

    /// <summary>Σ decay^(steps ago) over the artist's session listens, or 1/rank when <see cref="EngineOptions.SessionArtistDecay"/> is 0.</summary>
    private double SessionArtistWeight(ListenerState state, int artist, int rank, int start, int last)
    {
        var decay = options.SessionArtistDecay;
        if (!(decay > 0)) return 1.0 / rank;
        var weight = 0.0;
        for (var i = last; i >= start; i--)
        {
            var step = state.History[i];
            if (step.Artist == artist && step.IsListen && !step.EarlySkipped) weight += ArtistDecayPower(last - i);
        }

        return weight;
    }

    private void AddFavoriteArtists(ListenerState state, IModelView model, CandidatePool pool, long nowMs)
    {
        var favorites = state.Artists.Top(options.FavoriteArtistsConsidered, nowMs, positiveOnly: true);
        if (favorites.Count == 0) return;
        var max = favorites[0].Weight;
        foreach (var (artist, weight) in favorites)
        {
            AddArtistTracks(model, pool, artist, options.FavoriteArtistSourceWeight * weight / max, ReasonKind.FavoriteArtist);
        }
    }

    /// <summary>Recent releases of the favourite artists, before they have plays: weighted by the artist's share of the favourites.</summary>
    private void AddNewReleases(ListenerState state, IReleaseSource releases, CandidatePool pool, long nowMs)
    {
        if (!releases.Any || options.NewReleaseSourceWeight == 0) return;
        var favorites = state.Artists.Top(options.FavoriteArtistsConsidered, nowMs, positiveOnly: true);
        if (favorites.Count == 0) return;
        var max = favorites[0].Weight;
        foreach (var (artist, weight) in favorites)
        {
            foreach (var track in releases.RecentBy(artist, nowMs)) pool.Add(track, artist, options.NewReleaseSourceWeight * weight / max, ReasonKind.NewRelease, artist);
        }
    }

    private static void AddArtistTracks(IModelView model, CandidatePool pool, int artist, double weight, ReasonKind reason)
    {
        var tracks = model.TopTracksOf(artist);
        if (tracks.IsEmpty) return;
        var scale = weight / tracks[0].Weight;
        foreach (var t in tracks) pool.Add(t.Id, artist, t.Weight * scale, reason, artist);
    }

    private void AddHistory(ListenerState state, CandidatePool pool, long nowMs)
    {
        var liked = state.Tracks.Top(state.Tracks.Count, nowMs, positiveOnly: true);
        if (liked.Count == 0) return;
        var max = liked[0].Weight;
        foreach (var (track, weight) in liked)
        {
            pool.Add(track, -1, options.HistorySourceWeight * weight / max, ReasonKind.FromHistory, track);
        }
    }

    private void AddTrending(IModelView model, CandidatePool pool)
    {
        foreach (var t in model.Trending) pool.Add(t.Id, -1, options.TrendingSourceWeight * t.Weight, ReasonKind.Trending, -1);
    }
}
