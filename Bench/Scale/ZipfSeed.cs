using Personalization.Abstractions.Model;
using Personalization.Bench.Restore;
using Personalization.Engine.Load;

namespace Personalization.Bench.Scale;

/// <summary>
/// The scale scenario's catalogue, deterministic (the same for every phase of a run): track n is the track of Zipf(1)
/// rank n, named as the harness names tracks (<see cref="LoadCatalog"/>, ten tracks an artist). Every track is played
/// once after <see cref="Predecessors"/> Zipf-drawn tracks of its session (so a track is a source of transitions about
/// as often as Zipf says it is played), and the head's further plays (the expected share of twice as many Zipf plays,
/// whole plays only) come as one weighted play without predecessors. So both "most played" and "most followed" order
/// the tracks by rank, and only a part of the tail is a source at all (<see cref="IsSource"/>).
/// </summary>
public sealed class ZipfSeed
{
    public const int Predecessors = 3;

    private readonly int[] _predecessors;
    private readonly bool[] _isSource;
    private readonly double _harmonic;

    public ZipfSeed(int tracks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tracks, 2);
        Tracks = tracks;
        _harmonic = Math.Log(tracks) + 0.5772156649;
        _predecessors = new int[(long)tracks * Predecessors];
        _isSource = new bool[tracks];
        var random = new Random(7);
        var zipf = new ZipfTracks(tracks);
        for (var i = 0; i < _predecessors.Length; i++)
        {
            var track = zipf.Next(random);
            _predecessors[i] = track;
            _isSource[track] = true;
        }

        Sources = _isSource.Count(s => s);
    }

    public int Tracks { get; }

    /// <summary>Tracks with at least one successor (drawn as a predecessor at least once).</summary>
    public int Sources { get; }

    public bool IsSource(int track) => _isSource[track];

    /// <summary>Plays of rank <paramref name="track"/> beyond its first: the whole part of its expected share of 2 × Tracks Zipf plays.</summary>
    public int ExtraPlays(int track) => (int)(2.0 * Tracks / (_harmonic * (track + 1)));

    /// <summary>Observations the seed teaches: one play per track with its session's predecessors, then the head's extra plays.</summary>
    public long Observations
    {
        get
        {
            long extra = 0;
            for (var t = 0; t < Tracks && ExtraPlays(t) > 0; t++) extra++;
            return Tracks + extra;
        }
    }

    /// <summary>
    /// Every observation as a trusted source teaches it (listener 0: admitted at once), in batches of at most
    /// <paramref name="batchSize"/> per model shard (routed as the silo routes: by the observed track's stable hash).
    /// </summary>
    public IEnumerable<(int Shard, ObservationRecord[] Batch)> Batches(int shards, int batchSize, long timeMs)
    {
        var pending = Enumerable.Range(0, shards).Select(_ => new List<ObservationRecord>(batchSize)).ToArray();
        foreach (var o in All(timeMs))
        {
            var shard = Personalization.Grains.Model.ModelShards.Of(o.TrackId, shards);
            pending[shard].Add(o);
            if (pending[shard].Count < batchSize) continue;
            yield return (shard, [.. pending[shard]]);
            pending[shard].Clear();
        }

        for (var s = 0; s < shards; s++)
        {
            if (pending[s].Count > 0) yield return (s, [.. pending[s]]);
        }
    }

    private IEnumerable<ObservationRecord> All(long timeMs)
    {
        for (var t = 0; t < Tracks; t++)
        {
            var session = new string[Predecessors];
            for (var k = 0; k < Predecessors; k++) session[k] = LoadCatalog.TrackId(_predecessors[(long)t * Predecessors + k]);
            yield return new ObservationRecord(LoadCatalog.TrackId(t), LoadCatalog.ArtistId(t), timeMs, 1, session);
        }

        for (var t = 0; t < Tracks && ExtraPlays(t) > 0; t++)
        {
            yield return new ObservationRecord(LoadCatalog.TrackId(t), LoadCatalog.ArtistId(t), timeMs, ExtraPlays(t), []);
        }
    }
}
