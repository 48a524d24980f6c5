namespace Personalization.Engine.Model;

/// <summary>
/// One checkpoint bucket as the learner held it at one instant: ids and copies of the weights, taken on the learner's
/// (single) thread. Encoding it — names, the byte form, compression, most of a checkpoint's cost — needs nothing of
/// the learner any more, so it can run on another thread while the learner goes on.
/// </summary>
internal sealed class BucketSnapshot
{
    private readonly long _trendingReferenceMs;
    private readonly long _popularReferenceMs;
    private readonly TrackEntry[] _tracks;
    private readonly ArtistEntry[] _artists;

    private BucketSnapshot(int bucket, long trendingReferenceMs, long popularReferenceMs, TrackEntry[] tracks, ArtistEntry[] artists)
    {
        Bucket = bucket;
        _trendingReferenceMs = trendingReferenceMs;
        _popularReferenceMs = popularReferenceMs;
        _tracks = tracks;
        _artists = artists;
    }

    public int Bucket { get; }

    public static BucketSnapshot Take(ModelLearner learner, int bucket, IReadOnlyList<int> tracks, IReadOnlyList<int> artists)
    {
        var trackEntries = new TrackEntry[tracks.Count];
        for (var i = 0; i < trackEntries.Length; i++)
        {
            var t = tracks[i];
            var (ids, weights) = Copy(learner.SuccessorsOf(t));
            trackEntries[i] = new TrackEntry(t, learner.ArtistOf(t), ids, weights, learner.Trending.ScoreOf(t), learner.Popular.ScoreOf(t));
        }

        var artistEntries = new ArtistEntry[artists.Count];
        for (var i = 0; i < artistEntries.Length; i++)
        {
            var (ids, weights) = Copy(learner.TracksOf(artists[i]));
            artistEntries[i] = new ArtistEntry(artists[i], ids, weights);
        }

        return new BucketSnapshot(bucket, learner.Trending.ReferenceMs, learner.Popular.ReferenceMs, trackEntries, artistEntries);
    }

    /// <summary>The bucket's stored form (see <see cref="LearnerCheckpoint"/> for what it holds). Thread-safe: reads names only.</summary>
    public byte[] Encode(Vocabulary vocabulary, byte version) => CheckpointCodec.Encode(version, w =>
    {
        w.Write(_trendingReferenceMs);
        w.Write(_popularReferenceMs);
        w.Write7BitEncodedInt(_tracks.Length);
        foreach (var t in _tracks)
        {
            vocabulary.WriteName(w, t.Track);
            if (t.Artist >= 0) vocabulary.WriteName(w, t.Artist);
            else w.Write("");
            WriteSet(w, vocabulary, t.SuccessorIds, t.SuccessorWeights);
            w.Write(t.Trending);
            w.Write(t.Popular);
        }

        w.Write7BitEncodedInt(_artists.Length);
        foreach (var a in _artists)
        {
            vocabulary.WriteName(w, a.Artist);
            WriteSet(w, vocabulary, a.TrackIds, a.TrackWeights);
        }
    });

    private static (int[] Ids, float[] Weights) Copy(WeightedSet? set) =>
        set is null || set.Count == 0 ? ([], []) : (set.Ids.ToArray(), set.Weights.ToArray());

    private static void WriteSet(BinaryWriter w, Vocabulary vocabulary, int[] ids, float[] weights)
    {
        w.Write7BitEncodedInt(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            vocabulary.WriteName(w, ids[i]);
            w.Write(weights[i]);
        }
    }

    private readonly record struct TrackEntry(int Track, int Artist, int[] SuccessorIds, float[] SuccessorWeights, double Trending, double Popular);

    private readonly record struct ArtistEntry(int Artist, int[] TrackIds, float[] TrackWeights);
}
