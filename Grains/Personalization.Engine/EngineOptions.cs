using Personalization.Engine.Rewards;

namespace Personalization.Engine;

/// <summary>
/// Every weight and cap of the engine, named. Bound from configuration section <c>Personalization:Engine</c> and validated at start.
/// Defaults were chosen on synthetic data and tuned on slice 0 of 30Music only (see BENCHMARKS.md).
/// </summary>
public sealed class EngineOptions
{
    public const string SectionName = "Personalization:Engine";

    // ---- Affinity deltas per event kind (taste profile) ----
    public double PlayWeight { get; set; } = 0.5;
    public double CompleteWeight { get; set; } = 1.0;
    public double EarlySkipWeight { get; set; } = -1.0;
    public double LateSkipWeight { get; set; } = 0.2;
    public double LikeWeight { get; set; } = 3.0;
    public double SaveWeight { get; set; } = 2.5;
    public double DislikeWeight { get; set; } = -5.0;

    /// <summary>A skip before this fraction of the track's duration is an early skip.</summary>
    public double EarlySkipFraction { get; set; } = 0.3;

    /// <summary>Without a known duration, a skip before this position is an early skip.</summary>
    public int EarlySkipMs { get; set; } = 30_000;

    /// <summary>Half-life of taste affinities, in event time.</summary>
    public TimeSpan AffinityHalfLife { get; set; } = TimeSpan.FromDays(14);

    /// <summary>An artist whose decayed affinity is at or below this is disliked and never recommended.</summary>
    public double DislikedArtistThreshold { get; set; } = -2.0;

    // ---- Caps (every list in a user's state is bounded) ----
    public int MaxArtistAffinities { get; set; } = 48;
    public int MaxTrackAffinities { get; set; } = 64;
    public int HistoryCapacity { get; set; } = 200;

    /// <summary>
    /// Event ids a listener remembers, so a retried event or batch is acknowledged but not applied twice. At least the
    /// largest batch a silo accepts (<c>Personalization:Validation:MaxBatchSize</c>, 500; checked at start): a batch
    /// whose acknowledgement was lost is retried whole, and a smaller window would have forgotten its first events by the
    /// time the batch was applied. The arrays grow with a listener's events up to it (6 bytes an id: a 48-bit fingerprint).
    /// </summary>
    public int DedupeWindow { get; set; } = 512;
    public int MaxBlockedTracks { get; set; } = 64;

    // ---- Session ----
    public TimeSpan SessionGap { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A play of the playing track at least this long after its start is a replay (a new step), sooner it is a resume.</summary>
    public TimeSpan ReplayAfter { get; set; } = TimeSpan.FromSeconds(30);

    // ---- Shared model ----
    /// <summary>How many earlier session tracks an event is paired with when learning transitions (weight 1/gap).</summary>
    public int TransitionWindow { get; set; } = 10;

    /// <summary>
    /// A track's successors the model publishes (twice as many are kept while learning). 32, not 64: on 30Music slices
    /// 1–4 HR@10 and NDCG@10 stay within ±0.001 at 16, 32 and 64, and every list a recommendation reads, ships to the
    /// silos and replicates is half as long (BENCHMARKS "List caps").
    /// </summary>
    public int MaxSuccessorsPerTrack { get; set; } = 32;

    /// <summary>An artist's top tracks the model publishes (twice as many kept while learning); 32 for the same reasons.</summary>
    public int MaxTopTracksPerArtist { get; set; } = 32;

    public int TrendingSize { get; set; } = 200;
    public TimeSpan TrendingHalfLife { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Size of the long-memory popularity list (plays decayed with <see cref="PopularHalfLife"/>): the fill of a list when
    /// a listener's sources and trending give fewer tracks than asked (reason code "popular").
    /// </summary>
    public int PopularSize { get; set; } = 200;
    public TimeSpan PopularHalfLife { get; set; } = TimeSpan.FromDays(30);

    // ---- Memory bounds of the shared model ----
    /// <summary>
    /// Most track keys one model shard's learner holds (a track it counts plays of, or a source it counts transitions
    /// from). Beyond it the least recently learned tracks (ties: the least popular) are evicted with everything they
    /// hold — their successors, trending and popularity scores, their place in their artist's list — and readers drop
    /// them. A silo's read model holds at most <c>Shards</c> × this many track keys. A track evicted is a new track
    /// again: admission applies to it once more.
    /// </summary>
    public int MaxLearnerTracks { get; set; } = 400_000;

    /// <summary>Most artist keys (artists' top-track counts) one shard's learner holds; the least recently learned go first.</summary>
    public int MaxLearnerArtists { get; set; } = 200_000;

    // ---- Admission to the shared model (what one listener may teach it) ----
    /// <summary>
    /// Distinct listeners who must play a track the model does not hold before it enters the shared lists (trending,
    /// "after X", artists' tops); 1 admits at once. Trusted sources (catalogue loads, checkpoints) admit at once.
    /// </summary>
    public int AdmissionListeners { get; set; } = 2;

    /// <summary>
    /// Distinct listeners who must make a new transition between two admitted tracks before it is learned (1: at once;
    /// one listener's weight on it is still capped by <see cref="TransitionCountWindow"/>). A transition from a track
    /// that is not admitted needs <see cref="AdmissionListeners"/>.
    /// </summary>
    public int TransitionAdmissionListeners { get; set; } = 1;

    /// <summary>Tracks a model shard keeps evidence for while they wait for admission (hashes only; the oldest half is dropped when full).</summary>
    public int MaxPendingAdmissions { get; set; } = 50_000;

    /// <summary>A listener's plays of one track count in the shared play counts once per this window (0: every play counts).</summary>
    public TimeSpan PlayCountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A listener teaches one transition (predecessor → track) once per this window (0: every time).</summary>
    public TimeSpan TransitionCountWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Event time per step a person needs on average; steps sustained faster than this teach the model nothing (0: off).</summary>
    public TimeSpan MinListenInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Steps a listener may take at any pace before <see cref="MinListenInterval"/> applies (skipping through a list).</summary>
    public int ListenBurst { get; set; } = 30;

    /// <summary>Learn a track following itself (replays) as a transition, so replays can be predicted.</summary>
    public bool LearnRepeats { get; set; } = true;

    // ---- Recommendation ----
    /// <summary>How many of the session's most recent tracks seed transition candidates (weight 1/k for the k-th most recent).</summary>
    public int SessionAnchors { get; set; } = 3;
    public double TransitionSourceWeight { get; set; } = 1.0;

    /// <summary>
    /// Transition evidence is scaled by its best candidate's total, but never by less than this: weak evidence (a pair
    /// seen once) then weighs less than strong evidence instead of being stretched to the full source weight. 0 disables.
    /// </summary>
    public double TransitionEvidenceFloor { get; set; } = 1;
    public double SessionArtistSourceWeight { get; set; } = 0.55;
    public double FavoriteArtistSourceWeight { get; set; } = 0.05;
    public double HistorySourceWeight { get; set; } = 0.15;
    public double TrendingSourceWeight { get; set; } = 0.01;

    /// <summary>
    /// Recent releases (catalogue release dates, see <see cref="Catalog.IReleaseSource"/>) of the listener's favourite
    /// artists, scaled by the artist's share of the favourites. Fires only where the catalogue has release dates.
    /// </summary>
    public double NewReleaseSourceWeight { get; set; } = 0.3;

    /// <summary>The k-th most recent session anchor's transition evidence is weighted k^-x (1 = the former 1/k).</summary>
    public double AnchorDecayExponent { get; set; } = 1.5;

    /// <summary>
    /// Transition evidence for a candidate is divided by its play count to this power (IDF-like damping of tracks that
    /// follow everything because they are played everywhere; 0 disables). The count is the candidate's weight in its
    /// artist's top list (1 when it is not there).
    /// </summary>
    public double SuccessorPopularityDamping { get; set; } = 0.5;

    /// <summary>
    /// A session artist's weight is the sum over its session plays of this factor to the power of how many steps ago
    /// the play was (an artist played often and lately leads); 0 keeps 1/k for the k-th most recent distinct artist.
    /// </summary>
    public double SessionArtistDecay { get; set; } = 0.3;

    /// <summary>Within an artist, tracks are credited (plays / top plays) to this power: below 1 flattens popularity.</summary>
    public double ArtistPopularityExponent { get; set; } = 0.4;
    public int FavoriteArtistsConsidered { get; set; } = 5;

    /// <summary>What followed the session's recent tracks in the listener's own history (0 disables).</summary>
    public double PersonalTransitionSourceWeight { get; set; } = 0.5;

    /// <summary>How many of the session's most recent tracks are looked up in the listener's history.</summary>
    public int PersonalAnchors { get; set; } = 3;

    /// <summary>How many steps after an earlier occurrence count as its successors (weight 1/gap).</summary>
    public int PersonalTransitionWindow { get; set; } = 3;

    /// <summary>Extra weight (×(1 + bonus)) for an earlier occurrence of the playing track preceded by the same track as now.</summary>
    public double PersonalContextBonus { get; set; } = 3;

    public int MaxRecommendations { get; set; } = 100;

    /// <summary>
    /// When the sources give fewer tracks than asked, fill the list from the model's popular tracks, then the listener's
    /// own history, so a request for n gets n whenever the cluster knows n eligible tracks.
    /// </summary>
    public bool FillShortLists { get; set; } = true;

    // ---- Session signals: how the current session moves on lifts the matching source ----
    // Each lift is the session's smoothed rate of an outcome divided by its prior rate:
    // (count + Strength·Prior) / (moves + Strength) / Prior; Strength is the prior's weight in pseudo-moves (0 disables).

    /// <summary>Lifts the session-artist source by how often the session stayed with the previous step's artist.</summary>
    public double ArtistStayStrength { get; set; } = 10;
    public double ArtistStayPrior { get; set; } = 0.5;

    /// <summary>Lifts tracks already played in the session (not the playing one) by how often the session repeated itself.</summary>
    public double RepeatStrength { get; set; } = 10;
    public double RepeatPrior { get; set; } = 0.2;

    /// <summary>
    /// A track already played in the session (not the playing one) gets ×(1 + bonus × listens since its last play ÷
    /// listens in the session): a listener cycling through a set comes back to what was heard longest ago. 0 disables.
    /// </summary>
    public double RepeatAgeBonus { get; set; } = 1;

    /// <summary>Lifts the playing track (a replay) by how often the session replayed the previous track.</summary>
    public double ReplayStrength { get; set; } = 20;
    public double ReplayPrior { get; set; } = 0.03;

    /// <summary>May the playing track itself be recommended (a replay)? Listeners do replay; false hides it always.</summary>
    public bool RecommendPlayingTrack { get; set; } = true;

    /// <summary>Multiplier of the session-artist credit of a track already played in the current session.</summary>
    public double SessionRepeatFactor { get; set; } = 0.3;

    /// <summary>Score multiplier for the playing track (a replay), when it may be recommended at all.</summary>
    public double PlayingTrackFactor { get; set; } = 0.6;

    // ---- Listener contract (docs/listener-contract.md): session rules no score can override ----

    /// <summary>Early skips of one artist in a session after which a list holds at most <see cref="SkippedArtistAllowance"/> of its tracks; 0 disables.</summary>
    public int ArtistSkipsToLimit { get; set; } = 2;

    /// <summary>How many tracks of an artist skipped <see cref="ArtistSkipsToLimit"/> times a list may still hold in that session.</summary>
    public int SkippedArtistAllowance { get; set; } = 2;

    /// <summary>Listens after a like of a track before that track is recommended again in the session.</summary>
    public int LikedRepeatSpacing { get; set; } = 3;

    // ---- Rewards (attribution of outcomes to served lists; section Personalization:Engine:Rewards) ----
    public RewardOptions Rewards { get; set; } = new();

    /// <summary>Returns every violated rule; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Positive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value)) errors.Add($"{name} must be a finite number > 0 (was {value}).");
        }

        void Negative(double value, string name)
        {
            if (!(value < 0) || double.IsInfinity(value)) errors.Add($"{name} must be a finite number < 0 (was {value}).");
        }

        void NonNegative(double value, string name)
        {
            if (!(value >= 0) || double.IsInfinity(value)) errors.Add($"{name} must be a finite number >= 0 (was {value}).");
        }

        void Cap(int value, string name, int min, int max)
        {
            if (value < min || value > max) errors.Add($"{name} must be in [{min}, {max}] (was {value}).");
        }

        Positive(PlayWeight, nameof(PlayWeight));
        Positive(CompleteWeight, nameof(CompleteWeight));
        if (CompleteWeight <= PlayWeight) errors.Add($"{nameof(CompleteWeight)} must exceed {nameof(PlayWeight)}.");
        Negative(EarlySkipWeight, nameof(EarlySkipWeight));
        if (double.IsNaN(LateSkipWeight) || double.IsInfinity(LateSkipWeight)) errors.Add($"{nameof(LateSkipWeight)} must be finite.");
        Positive(LikeWeight, nameof(LikeWeight));
        Positive(SaveWeight, nameof(SaveWeight));
        Negative(DislikeWeight, nameof(DislikeWeight));
        if (!(EarlySkipFraction > 0 && EarlySkipFraction < 1)) errors.Add($"{nameof(EarlySkipFraction)} must be in (0, 1).");
        Cap(EarlySkipMs, nameof(EarlySkipMs), 0, 600_000);
        if (AffinityHalfLife <= TimeSpan.Zero) errors.Add($"{nameof(AffinityHalfLife)} must be positive.");
        Negative(DislikedArtistThreshold, nameof(DislikedArtistThreshold));
        Cap(MaxArtistAffinities, nameof(MaxArtistAffinities), 1, 256);
        Cap(MaxTrackAffinities, nameof(MaxTrackAffinities), 1, 256);
        Cap(HistoryCapacity, nameof(HistoryCapacity), 1, 1000);
        Cap(DedupeWindow, nameof(DedupeWindow), 1, 4096);
        Cap(MaxBlockedTracks, nameof(MaxBlockedTracks), 1, 1024);
        if (SessionGap <= TimeSpan.Zero) errors.Add($"{nameof(SessionGap)} must be positive.");
        if (ReplayAfter < TimeSpan.Zero || ReplayAfter >= SessionGap) errors.Add($"{nameof(ReplayAfter)} must be in [0, {nameof(SessionGap)}).");
        Cap(TransitionWindow, nameof(TransitionWindow), 1, 50);
        Cap(MaxSuccessorsPerTrack, nameof(MaxSuccessorsPerTrack), 1, 1024);
        Cap(MaxTopTracksPerArtist, nameof(MaxTopTracksPerArtist), 1, 1024);
        Cap(TrendingSize, nameof(TrendingSize), 1, 10_000);
        if (TrendingHalfLife <= TimeSpan.Zero) errors.Add($"{nameof(TrendingHalfLife)} must be positive.");
        Cap(PopularSize, nameof(PopularSize), 1, 10_000);
        if (PopularHalfLife <= TimeSpan.Zero) errors.Add($"{nameof(PopularHalfLife)} must be positive.");
        Cap(MaxLearnerTracks, nameof(MaxLearnerTracks), 100, 50_000_000);
        Cap(MaxLearnerArtists, nameof(MaxLearnerArtists), 100, 50_000_000);
        Cap(AdmissionListeners, nameof(AdmissionListeners), 1, Model.ModelAdmission.MaxListenersRequired);
        Cap(TransitionAdmissionListeners, nameof(TransitionAdmissionListeners), 1, Model.ModelAdmission.MaxListenersRequired);
        Cap(MaxPendingAdmissions, nameof(MaxPendingAdmissions), 2, 10_000_000);
        if (PlayCountWindow < TimeSpan.Zero || PlayCountWindow > TimeSpan.FromDays(30)) errors.Add($"{nameof(PlayCountWindow)} must be in [0, 30 days].");
        if (TransitionCountWindow < TimeSpan.Zero || TransitionCountWindow > TimeSpan.FromDays(30)) errors.Add($"{nameof(TransitionCountWindow)} must be in [0, 30 days].");
        if (MinListenInterval < TimeSpan.Zero || MinListenInterval > TimeSpan.FromMinutes(10)) errors.Add($"{nameof(MinListenInterval)} must be in [0, 10 min].");
        Cap(ListenBurst, nameof(ListenBurst), 1, 10_000);
        Cap(SessionAnchors, nameof(SessionAnchors), 1, 50);
        NonNegative(TransitionSourceWeight, nameof(TransitionSourceWeight));
        NonNegative(SessionArtistSourceWeight, nameof(SessionArtistSourceWeight));
        NonNegative(RepeatAgeBonus, nameof(RepeatAgeBonus));
        NonNegative(FavoriteArtistSourceWeight, nameof(FavoriteArtistSourceWeight));
        NonNegative(NewReleaseSourceWeight, nameof(NewReleaseSourceWeight));
        NonNegative(HistorySourceWeight, nameof(HistorySourceWeight));
        NonNegative(TrendingSourceWeight, nameof(TrendingSourceWeight));
        if (!(AnchorDecayExponent is >= 0 and <= 5)) errors.Add($"{nameof(AnchorDecayExponent)} must be in [0, 5] (was {AnchorDecayExponent}).");
        if (!(SuccessorPopularityDamping is >= 0 and <= 2)) errors.Add($"{nameof(SuccessorPopularityDamping)} must be in [0, 2] (was {SuccessorPopularityDamping}).");
        if (!(SessionArtistDecay is >= 0 and < 1)) errors.Add($"{nameof(SessionArtistDecay)} must be in [0, 1) (was {SessionArtistDecay}).");
        if (!(ArtistPopularityExponent is >= 0 and <= 3)) errors.Add($"{nameof(ArtistPopularityExponent)} must be in [0, 3] (was {ArtistPopularityExponent}).");
        Cap(FavoriteArtistsConsidered, nameof(FavoriteArtistsConsidered), 0, 50);
        NonNegative(PersonalTransitionSourceWeight, nameof(PersonalTransitionSourceWeight));
        Cap(PersonalAnchors, nameof(PersonalAnchors), 1, 20);
        Cap(PersonalTransitionWindow, nameof(PersonalTransitionWindow), 1, 20);
        if (!(PlayingTrackFactor is >= 0 and <= 1)) errors.Add($"{nameof(PlayingTrackFactor)} must be in [0, 1] (was {PlayingTrackFactor}).");
        if (!(SessionRepeatFactor is >= 0 and <= 1)) errors.Add($"{nameof(SessionRepeatFactor)} must be in [0, 1] (was {SessionRepeatFactor}).");
        Cap(MaxRecommendations, nameof(MaxRecommendations), 1, 1000);
        Cap(ArtistSkipsToLimit, nameof(ArtistSkipsToLimit), 0, 100);
        Cap(SkippedArtistAllowance, nameof(SkippedArtistAllowance), 0, 1000);
        Cap(LikedRepeatSpacing, nameof(LikedRepeatSpacing), 0, 100);
        NonNegative(TransitionEvidenceFloor, nameof(TransitionEvidenceFloor));
        NonNegative(PersonalContextBonus, nameof(PersonalContextBonus));
        foreach (var (strength, prior, name) in new[]
        {
            (ArtistStayStrength, ArtistStayPrior, "ArtistStay"),
            (RepeatStrength, RepeatPrior, "Repeat"),
            (ReplayStrength, ReplayPrior, "Replay"),
        })
        {
            NonNegative(strength, name + "Strength");
            if (!(prior is > 0 and < 1)) errors.Add($"{name}Prior must be in (0, 1) (was {prior}).");
        }
        if (Rewards is null) errors.Add($"{nameof(Rewards)} must be set.");
        else errors.AddRange(Rewards.Validate());
        return errors;
    }
}
