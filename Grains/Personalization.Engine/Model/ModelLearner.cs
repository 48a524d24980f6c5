namespace Personalization.Engine.Model;

/// <summary>
/// Learns the shared model online from batches of observations: track → track transitions (weight / gap within the
/// session window), artist → top tracks, trending, long-memory popularity, track → artist. Single writer; returns a
/// delta with the republished lists of the keys it touched. Memory is bounded per key (pruning of rare pairs in
/// <see cref="WeightedSet"/>) and in keys: beyond <see cref="EngineOptions.MaxLearnerTracks"/> tracks or
/// <see cref="EngineOptions.MaxLearnerArtists"/> artists the coldest keys are evicted (<see cref="KeyRecency"/>) and
/// published as removed. It remembers which keys changed since <see cref="TakeChanged"/> was last called, so a
/// checkpoint (<see cref="LearnerCheckpoint"/>) writes only those, and it can be restored from one to go on learning
/// exactly where it stopped.
/// </summary>
public sealed class ModelLearner
{
    private readonly EngineOptions _options;
    private readonly Dictionary<int, WeightedSet> _successors = [];
    private readonly Dictionary<int, WeightedSet> _artistTracks = [];
    private readonly Dictionary<int, int> _artistOf = [];
    private readonly HashSet<int> _changedTracks = [];
    private readonly HashSet<int> _changedArtists = [];
    private readonly HashSet<int> _evictedTracks = [];
    private readonly HashSet<int> _evictedArtists = [];
    private readonly KeyRecency _trackRecency = new();
    private readonly KeyRecency _artistRecency = new();
    private long _tick;
    private bool _rescaled;

    public ModelLearner(EngineOptions options)
    {
        _options = options;
        Trending = new TrendingCounter(options.TrendingSize, options.TrendingHalfLife);
        Popular = new TrendingCounter(options.PopularSize, options.PopularHalfLife);
        Trending.Renormalized += () => _rescaled = true;
        Popular.Renormalized += () => _rescaled = true;
    }

    /// <summary>Observations taken in: learned, or withheld as evidence for an admission (<see cref="CountWithheld"/>).</summary>
    public long ObservationsApplied { get; private set; }

    /// <summary>Counts observations its shard withheld while their track waits for admission (they were handled, not lost).</summary>
    public void CountWithheld(int observations) => ObservationsApplied += observations;

    public TrendingCounter Trending { get; }

    /// <summary>Track keys held (tracks counted, or sources of transitions); at most <see cref="EngineOptions.MaxLearnerTracks"/> after each batch.</summary>
    public int TrackCount => _trackRecency.Count;

    /// <summary>Artist keys held; at most <see cref="EngineOptions.MaxLearnerArtists"/> after each batch.</summary>
    public int ArtistCount => _artistRecency.Count;

    /// <summary>Track keys evicted since the learner was created.</summary>
    public long TrackEvictions { get; private set; }

    /// <summary>Artist keys evicted since the learner was created.</summary>
    public long ArtistEvictions { get; private set; }

    public bool HoldsTrack(int track) => _trackRecency.Contains(track);

    public bool HoldsArtist(int artist) => _artistRecency.Contains(artist);

    public TrendingCounter Popular { get; }

    /// <summary>Every track the learner holds anything of (an artist, successors, a trending or popularity score).</summary>
    public IEnumerable<int> TrackKeys => _artistOf.Keys.Union(_successors.Keys);

    public IEnumerable<int> ArtistKeys => _artistTracks.Keys;

    /// <summary>Tracks with a successor list (sources of transitions).</summary>
    public IReadOnlyCollection<int> SourceKeys => _successors.Keys;

    public int ArtistOf(int track) => _artistOf.TryGetValue(track, out var artist) ? artist : -1;

    public WeightedSet? SuccessorsOf(int track) => _successors.GetValueOrDefault(track);

    public WeightedSet? TracksOf(int artist) => _artistTracks.GetValueOrDefault(artist);

    /// <param name="batch">The observations, learned in order.</param>
    /// <param name="withLists">
    /// False: the delta names the sources and artists whose lists changed but leaves their lists out
    /// (<see cref="ModelDelta.ListsOmitted"/>), for an owner that computes a list when a reader asks for it (a model shard):
    /// sorting every touched key's set on every batch would be work nobody reads.
    /// </param>
    public ModelDelta Apply(IReadOnlyList<ModelObservation> batch, bool withLists = true)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var delta = new ModelDelta { ListsOmitted = !withLists };
        if (batch.Count == 0) return delta;

        var touchedSources = new HashSet<int>();
        var touchedArtists = new HashSet<int>();
        var touchedTracks = new HashSet<int>();
        _tick++;
        foreach (var o in batch)
        {
            if (!o.TransitionOnly)
            {
                if (!_artistOf.TryGetValue(o.Track, out var known) || known != o.Artist)
                {
                    _artistOf[o.Track] = o.Artist;
                    delta.TrackArtists.Add((o.Track, o.Artist));
                }

                _trackRecency.Touch(o.Track, _tick);
            }

            var window = Math.Min(o.Predecessors.Length, _options.TransitionWindow);
            for (var k = 0; k < window; k++)
            {
                var source = o.Predecessors[k];
                if (source < 0 || (source == o.Track && !_options.LearnRepeats)) continue;
                SetOf(_successors, source, _options.MaxSuccessorsPerTrack).Add(o.Track, o.Weight / (k + 1));
                _trackRecency.Touch(source, _tick);
                touchedSources.Add(source);
            }

            if (o.TransitionOnly) continue; // its track's own shard counted the observation and its play
            ObservationsApplied++;
            touchedTracks.Add(o.Track);
            if (!o.CountsPlay) continue; // this listener's play of the track already counted in its window
            SetOf(_artistTracks, o.Artist, _options.MaxTopTracksPerArtist).Add(o.Track, o.Weight);
            _artistRecency.Touch(o.Artist, _tick);
            touchedArtists.Add(o.Artist);
            Trending.Add(o.Track, o.TimeMs, o.Weight);
            Popular.Add(o.Track, o.TimeMs, o.Weight);
        }

        EvictBeyondCaps(delta, touchedSources, touchedArtists, touchedTracks);
        foreach (var s in touchedSources) delta.Successors.Add((s, withLists ? _successors[s].Top(_options.MaxSuccessorsPerTrack) : []));
        foreach (var a in touchedArtists) delta.ArtistTops.Add((a, withLists ? _artistTracks[a].Top(_options.MaxTopTracksPerArtist) : []));
        delta.Trending = Trending.Publish(touchedTracks);
        delta.Popular = Popular.Publish(touchedTracks);
        _changedTracks.UnionWith(touchedSources);
        _changedTracks.UnionWith(touchedTracks);
        _changedArtists.UnionWith(touchedArtists);
        return delta;
    }

    /// <summary>
    /// Admits tracks a trusted source vouches for (a catalogue): each becomes a key with its artist and no plays. A
    /// track already known keeps what it learned (and its artist). Returns the delta of the new ones.
    /// </summary>
    public ModelDelta Admit(IEnumerable<(int Track, int Artist)> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var delta = new ModelDelta();
        _tick++;
        foreach (var (track, artist) in tracks)
        {
            if (!_artistOf.TryAdd(track, artist)) continue;
            _trackRecency.Touch(track, _tick);
            delta.TrackArtists.Add((track, artist));
            _changedTracks.Add(track);
        }

        var touchedTracks = new HashSet<int>();
        if (EvictBeyondCaps(delta, [], [], touchedTracks))
        {
            delta.Trending = Trending.Publish(touchedTracks);
            delta.Popular = Popular.Publish(touchedTracks);
        }

        return delta;
    }

    /// <summary>The keys changed or evicted since the last call (and clears them).</summary>
    public LearnerChanges TakeChanged()
    {
        var changed = new LearnerChanges(_changedTracks.ToArray(), _changedArtists.ToArray(), _rescaled, _evictedTracks.ToArray(), _evictedArtists.ToArray());
        _changedTracks.Clear();
        _changedArtists.Clear();
        _evictedTracks.Clear();
        _evictedArtists.Clear();
        _rescaled = false;
        return changed;
    }

    /// <summary>
    /// Evicts the coldest keys while the learner holds more than its caps (down to 95% of a cap, so eviction runs once
    /// per twentieth of a cap of new keys, not on every batch). Evicted keys leave the touched sets and are published
    /// removed. Returns whether anything was evicted.
    /// </summary>
    private bool EvictBeyondCaps(ModelDelta delta, HashSet<int> touchedSources, HashSet<int> touchedArtists, HashSet<int> touchedTracks)
    {
        var evicted = false;
        if (_trackRecency.Count > _options.MaxLearnerTracks)
        {
            var excess = _trackRecency.Count - (_options.MaxLearnerTracks - (_options.MaxLearnerTracks / 20));
            foreach (var track in _trackRecency.Coldest(excess, t => Popular.ScoreOf(t))) EvictTrack(track, delta, touchedSources, touchedArtists, touchedTracks);
            evicted = true;
        }

        if (_artistRecency.Count > _options.MaxLearnerArtists)
        {
            var excess = _artistRecency.Count - (_options.MaxLearnerArtists - (_options.MaxLearnerArtists / 20));
            foreach (var artist in _artistRecency.Coldest(excess, a => 0)) EvictArtist(artist, delta, touchedArtists);
            evicted = true;
        }

        return evicted;
    }

    private void EvictTrack(int track, ModelDelta delta, HashSet<int> touchedSources, HashSet<int> touchedArtists, HashSet<int> touchedTracks)
    {
        if (_artistOf.Remove(track, out var artist))
        {
            delta.RemovedTracks.Add(track);
            if (_artistTracks.TryGetValue(artist, out var tracks) && tracks.Remove(track))
            {
                if (tracks.Count == 0) EvictArtist(artist, delta, touchedArtists);
                else touchedArtists.Add(artist);
            }
        }

        if (_successors.Remove(track)) delta.Successors.Add((track, []));
        touchedSources.Remove(track);
        Trending.Remove(track);
        Popular.Remove(track);
        touchedTracks.Add(track); // published with no score: it leaves the trending and popular lists
        _trackRecency.Remove(track);
        _changedTracks.Remove(track);
        _evictedTracks.Add(track);
        TrackEvictions++;
    }

    private void EvictArtist(int artist, ModelDelta delta, HashSet<int> touchedArtists)
    {
        if (!_artistRecency.Remove(artist)) return;
        _artistTracks.Remove(artist);
        delta.ArtistTops.Add((artist, []));
        touchedArtists.Remove(artist);
        _changedArtists.Remove(artist);
        _evictedArtists.Add(artist);
        ArtistEvictions++;
    }

    /// <summary>
    /// An estimate of the bytes the learner holds: its per-key sets' arrays plus a fixed cost per key and score
    /// (dictionary entries, set objects). For metrics and sizing; walks every key, so call it now and then.
    /// </summary>
    public long EstimateBytes()
    {
        const int PerTrackKey = 4 * 28 + 2 * 24; // artist, recency, trending, popularity entries; two score maps' slack
        const int PerSet = 28 + 32 + 2 * 24;     // dictionary entry, the set object, its two array headers
        long bytes = (long)TrackCount * PerTrackKey + (long)ArtistCount * 28;
        foreach (var set in _successors.Values) bytes += PerSet + set.AllocatedBytes;
        foreach (var set in _artistTracks.Values) bytes += PerSet + set.AllocatedBytes;
        return bytes;
    }

    /// <summary>Puts back one track's learned state from a checkpoint (scores relative to the given references).</summary>
    public void RestoreTrack(int track, int artist, ReadOnlySpan<(int Id, float Weight)> successors, double trending, long trendingReferenceMs, double popular, long popularReferenceMs)
    {
        if (artist >= 0) _artistOf[track] = artist;
        if (artist >= 0 || successors.Length > 0) _trackRecency.TouchRestored(track);
        if (successors.Length > 0)
        {
            SetOf(_successors, track, _options.MaxSuccessorsPerTrack).RestoreAll(successors);
        }

        Trending.Restore(track, trending, trendingReferenceMs);
        Popular.Restore(track, popular, popularReferenceMs);
    }

    /// <summary>Puts back one artist's track counts from a checkpoint.</summary>
    public void RestoreArtist(int artist, ReadOnlySpan<(int Id, float Weight)> tracks)
    {
        if (tracks.Length == 0) return;
        _artistRecency.TouchRestored(artist);
        SetOf(_artistTracks, artist, _options.MaxTopTracksPerArtist).RestoreAll(tracks);
    }

    /// <summary>After a restore: observations the restored state had learned (for metrics and continuity).</summary>
    public void RestoreCount(long observationsApplied) => ObservationsApplied = observationsApplied;

    /// <summary>
    /// Every published list of the learner, as one delta (what a restored learner serves its readers first); without
    /// lists, its keys only (<see cref="Apply"/>).
    /// </summary>
    public ModelDelta PublishAll(bool withLists = true)
    {
        EvictBeyondCaps(new ModelDelta(), [], [], []); // a checkpoint written under larger caps: readers start from what is kept
        var delta = new ModelDelta { ListsOmitted = !withLists };
        foreach (var (track, artist) in _artistOf) delta.TrackArtists.Add((track, artist));
        foreach (var (source, set) in _successors) delta.Successors.Add((source, withLists ? set.Top(_options.MaxSuccessorsPerTrack) : []));
        foreach (var (artist, set) in _artistTracks) delta.ArtistTops.Add((artist, withLists ? set.Top(_options.MaxTopTracksPerArtist) : []));
        var tracks = TrackKeys.ToArray();
        delta.Trending = Trending.Publish(tracks);
        delta.Popular = Popular.Publish(tracks);
        return delta;
    }

    private static WeightedSet SetOf(Dictionary<int, WeightedSet> sets, int key, int published)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            // Keep twice what is published, so a pair just below the cut can still climb into it.
            set = new WeightedSet(published * 2);
            sets[key] = set;
        }

        return set;
    }
}
