namespace Personalization.Engine.Model;

/// <summary>
/// Learns the shared model online from batches of observations: track → track transitions (weight / gap within the
/// session window), artist → top tracks, trending, track → artist. Single writer; returns a delta with the republished
/// lists of the keys it touched. Memory is bounded per key (pruning of rare pairs in <see cref="WeightedSet"/>).
/// </summary>
public sealed class ModelLearner
{
    private readonly EngineOptions _options;
    private readonly Dictionary<int, WeightedSet> _successors = [];
    private readonly Dictionary<int, WeightedSet> _artistTracks = [];
    private readonly Dictionary<int, int> _artistOf = [];
    private readonly TrendingCounter _trending;

    public ModelLearner(EngineOptions options)
    {
        _options = options;
        _trending = new TrendingCounter(options.TrendingSize, options.TrendingHalfLife);
    }

    public long ObservationsApplied { get; private set; }

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
                if (source == o.Track && !_options.LearnRepeats) continue;
                SetOf(_successors, source, _options.MaxSuccessorsPerTrack).Add(o.Track, o.Weight / (k + 1));
                touchedSources.Add(source);
            }

            SetOf(_artistTracks, o.Artist, _options.MaxTopTracksPerArtist).Add(o.Track, o.Weight);
            touchedArtists.Add(o.Artist);
            _trending.Add(o.Track, o.TimeMs, o.Weight);
            touchedTracks.Add(o.Track);
            ObservationsApplied++;
        }

        foreach (var s in touchedSources) delta.Successors.Add((s, _successors[s].Top(_options.MaxSuccessorsPerTrack)));
        foreach (var a in touchedArtists) delta.ArtistTops.Add((a, _artistTracks[a].Top(_options.MaxTopTracksPerArtist)));
        delta.Trending = _trending.Publish(touchedTracks);
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
