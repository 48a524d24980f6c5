namespace Personalization.Engine.Model;

/// <summary>
/// Learns the shared model online from batches of observations: track → track transitions (weight / gap within the
/// session window), artist → top tracks, trending, long-memory popularity, track → artist. Single writer; returns a
/// delta with the republished lists of the keys it touched. Memory is bounded per key (pruning of rare pairs in
/// <see cref="WeightedSet"/>). It remembers which keys changed since <see cref="TakeChanged"/> was last called, so a
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

    public TrendingCounter Popular { get; }

    /// <summary>Every track the learner holds anything of (an artist, successors, a trending or popularity score).</summary>
    public IEnumerable<int> TrackKeys => _artistOf.Keys.Union(_successors.Keys);

    public IEnumerable<int> ArtistKeys => _artistTracks.Keys;

    public int ArtistOf(int track) => _artistOf.TryGetValue(track, out var artist) ? artist : -1;

    public WeightedSet? SuccessorsOf(int track) => _successors.GetValueOrDefault(track);

    public WeightedSet? TracksOf(int artist) => _artistTracks.GetValueOrDefault(artist);

    public ModelDelta Apply(IReadOnlyList<ModelObservation> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var delta = new ModelDelta();
        if (batch.Count == 0) return delta;

        var touchedSources = new HashSet<int>();
        var touchedArtists = new HashSet<int>();
        var touchedTracks = new HashSet<int>();
        foreach (var o in batch)
        {
            if (!_artistOf.TryGetValue(o.Track, out var known) || known != o.Artist)
            {
                _artistOf[o.Track] = o.Artist;
                delta.TrackArtists.Add((o.Track, o.Artist));
            }

            var window = Math.Min(o.Predecessors.Length, _options.TransitionWindow);
            for (var k = 0; k < window; k++)
            {
                var source = o.Predecessors[k];
                if (source < 0 || (source == o.Track && !_options.LearnRepeats)) continue;
                SetOf(_successors, source, _options.MaxSuccessorsPerTrack).Add(o.Track, o.Weight / (k + 1));
                touchedSources.Add(source);
            }

            ObservationsApplied++;
            touchedTracks.Add(o.Track);
            if (!o.CountsPlay) continue; // this listener's play of the track already counted in its window
            SetOf(_artistTracks, o.Artist, _options.MaxTopTracksPerArtist).Add(o.Track, o.Weight);
            touchedArtists.Add(o.Artist);
            Trending.Add(o.Track, o.TimeMs, o.Weight);
            Popular.Add(o.Track, o.TimeMs, o.Weight);
        }

        foreach (var s in touchedSources) delta.Successors.Add((s, _successors[s].Top(_options.MaxSuccessorsPerTrack)));
        foreach (var a in touchedArtists) delta.ArtistTops.Add((a, _artistTracks[a].Top(_options.MaxTopTracksPerArtist)));
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
        foreach (var (track, artist) in tracks)
        {
            if (!_artistOf.TryAdd(track, artist)) continue;
            delta.TrackArtists.Add((track, artist));
            _changedTracks.Add(track);
        }

        return delta;
    }

    /// <summary>
    /// The keys changed since the last call (and clears them); <c>Rescaled</c> says every trending or popularity score
    /// was rescaled, so every track changed.
    /// </summary>
    public (int[] Tracks, int[] Artists, bool Rescaled) TakeChanged()
    {
        var changed = (_changedTracks.ToArray(), _changedArtists.ToArray(), _rescaled);
        _changedTracks.Clear();
        _changedArtists.Clear();
        _rescaled = false;
        return changed;
    }

    /// <summary>Puts back one track's learned state from a checkpoint (scores relative to the given references).</summary>
    public void RestoreTrack(int track, int artist, ReadOnlySpan<(int Id, float Weight)> successors, double trending, long trendingReferenceMs, double popular, long popularReferenceMs)
    {
        if (artist >= 0) _artistOf[track] = artist;
        if (successors.Length > 0)
        {
            var set = SetOf(_successors, track, _options.MaxSuccessorsPerTrack);
            foreach (var (id, weight) in successors) set.Restore(id, weight);
        }

        Trending.Restore(track, trending, trendingReferenceMs);
        Popular.Restore(track, popular, popularReferenceMs);
    }

    /// <summary>Puts back one artist's track counts from a checkpoint.</summary>
    public void RestoreArtist(int artist, ReadOnlySpan<(int Id, float Weight)> tracks)
    {
        if (tracks.Length == 0) return;
        var set = SetOf(_artistTracks, artist, _options.MaxTopTracksPerArtist);
        foreach (var (id, weight) in tracks) set.Restore(id, weight);
    }

    /// <summary>After a restore: observations the restored state had learned (for metrics and continuity).</summary>
    public void RestoreCount(long observationsApplied) => ObservationsApplied = observationsApplied;

    /// <summary>Every published list of the learner, as one delta (what a restored learner serves its readers first).</summary>
    public ModelDelta PublishAll()
    {
        var delta = new ModelDelta();
        foreach (var (track, artist) in _artistOf) delta.TrackArtists.Add((track, artist));
        foreach (var (source, set) in _successors) delta.Successors.Add((source, set.Top(_options.MaxSuccessorsPerTrack)));
        foreach (var (artist, set) in _artistTracks) delta.ArtistTops.Add((artist, set.Top(_options.MaxTopTracksPerArtist)));
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
