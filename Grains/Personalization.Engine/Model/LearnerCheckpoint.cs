using System.Globalization;

namespace Personalization.Engine.Model;

/// <summary>
/// Incremental checkpoints of a <see cref="ModelLearner"/>: its keys are spread over <c>buckets</c> by a stable hash of
/// their names, and a checkpoint rewrites only the buckets whose keys changed since the last one, each as one
/// self-contained item (every track's artist, successors with their raw weights, trending and popularity scores; every
/// artist's track counts), plus a small header. Restoring the items gives a learner that goes on learning exactly where
/// the checkpoint left it. Names, not process-local ids, are stored. The header also holds the shard's
/// <see cref="DeliveryLedger"/> of the same instant, so a batch the learner had applied is recognised when its sender
/// delivers it again to the restored learner. Single-threaded, like the learner.
/// </summary>
public sealed class LearnerCheckpoint
{
    /// <summary>
    /// 2: the header says whether its writer closed (wrote its last checkpoint); 1 is still read. A version 2 header may
    /// end with the delivery ledger: builds before it read the fields they know and ignore the rest (a rollback reads it).
    /// </summary>
    public const byte FormatVersion = 2;

    /// <summary>Marks the delivery ledger after a header's last field.</summary>
    private const byte LedgerTag = 1;
    public const string HeaderKey = "header";
    private const string BucketPrefix = "b";

    private readonly ModelLearner _learner;
    private readonly DeliveryLedger _ledger;
    private readonly Vocabulary _vocabulary;
    private readonly int _buckets;
    private readonly Dictionary<int, int> _trackBucket = [];
    private readonly Dictionary<int, int> _artistBucket = [];
    private readonly List<int>[] _tracksIn;
    private readonly List<int>[] _artistsIn;
    private readonly HashSet<int> _changed = [];
    private readonly List<string> _stale = [];

    /// <param name="ledger">The batches the learner applied, per sender (none given: an empty ledger nobody writes to).</param>
    public LearnerCheckpoint(ModelLearner learner, Vocabulary vocabulary, int buckets, DeliveryLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        _learner = learner;
        _ledger = ledger ?? new DeliveryLedger();
        _vocabulary = vocabulary;
        _buckets = buckets;
        _tracksIn = [.. Enumerable.Range(0, buckets).Select(_ => new List<int>())];
        _artistsIn = [.. Enumerable.Range(0, buckets).Select(_ => new List<int>())];
    }

    /// <summary>The observation count of the last header captured (-1: unknown, the next capture writes one).</summary>
    private long _headerObservations = -1;

    /// <summary>The ledger version of the last header captured.</summary>
    private long _headerLedger = -1;

    public static string BucketKey(int bucket) => BucketPrefix + bucket.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Tracks and artists the checkpoint covers.</summary>
    public int KeyCount => _trackBucket.Count + _artistBucket.Count;

    /// <summary>
    /// Encodes every bucket changed since the last capture (and the header): <see cref="Snapshot"/> and
    /// <see cref="CheckpointSnapshot.Encode"/> in one go.
    /// </summary>
    /// <param name="closing">The writer's last checkpoint (it deactivates): the header says so, and is written even when nothing changed.</param>
    public CheckpointCapture Capture(long nowMs, bool closing = false) => Snapshot(nowMs, closing).Encode();

    /// <summary>
    /// Takes every bucket changed since the last capture (and the header's figures) from the learner: ids and copies of
    /// the weights, no names and no bytes yet, so the learner's turn pays only for copying arrays; encode it on any
    /// thread. The learner's change marks are taken, so a failed write must hand the buckets back through <see cref="Unwritten"/>.
    /// </summary>
    /// <param name="closing">The writer's last checkpoint (it deactivates): the header says so, and is written even when nothing changed.</param>
    public CheckpointSnapshot Snapshot(long nowMs, bool closing = false)
    {
        var (tracks, artists, rescaled, evictedTracks, evictedArtists) = _learner.TakeChanged();
        foreach (var t in evictedTracks) Unregister(_trackBucket, _tracksIn, t);
        foreach (var a in evictedArtists) Unregister(_artistBucket, _artistsIn, a);
        foreach (var t in tracks)
        {
            if (_learner.HoldsTrack(t)) _changed.Add(Register(_trackBucket, _tracksIn, t));
        }

        foreach (var a in artists)
        {
            if (_learner.HoldsArtist(a)) _changed.Add(Register(_artistBucket, _artistsIn, a));
        }

        if (rescaled)
        {
            for (var b = 0; b < _buckets; b++)
            {
                if (_tracksIn[b].Count > 0) _changed.Add(b);
            }
        }

        var deletes = _stale.ToArray();
        _stale.Clear();
        // Nothing changed, not even the count of observations taken in (withheld ones move it alone).
        if (_changed.Count == 0 && !closing && _learner.ObservationsApplied == _headerObservations && _ledger.Version == _headerLedger)
        {
            return new CheckpointSnapshot(_vocabulary, [], null, deletes);
        }

        _headerObservations = _learner.ObservationsApplied;
        _headerLedger = _ledger.Version;
        var buckets = _changed.Order().Select(b => BucketSnapshot.Take(_learner, b, _tracksIn[b], _artistsIn[b])).ToArray();
        _changed.Clear();
        var header = new CheckpointHeader(_learner.ObservationsApplied, _buckets, nowMs, closing, _ledger.Entries());
        return new CheckpointSnapshot(_vocabulary, buckets, header, deletes);
    }

    /// <summary>Buckets of a capture whose write failed: they are written again by the next capture.</summary>
    public void Unwritten(CheckpointSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _changed.UnionWith(snapshot.Buckets);
        _stale.AddRange(snapshot.Deletes);
        _headerObservations = -1;
        _headerLedger = -1;
    }

    /// <summary>
    /// Loads stored items into the (empty) learner and ledger. Items of another bucket count are loaded too and then
    /// rewritten under this one (the old keys are deleted by the next capture). Returns the observations the state had learned.
    /// </summary>
    public long Restore(IEnumerable<CheckpointItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        long observations = 0;
        var storedBuckets = _buckets;
        var bucketItems = new List<CheckpointItem>();
        foreach (var item in items)
        {
            if (item.Key == HeaderKey)
            {
                var header = DecodeHeader(item.Data);
                (observations, storedBuckets) = (header.Observations, header.Buckets);
                _ledger.Restore(header.Ledger);
            }
            else if (item.Key.StartsWith(BucketPrefix, StringComparison.Ordinal))
            {
                bucketItems.Add(item);
            }
        }

        foreach (var item in bucketItems) DecodeBucket(item.Data);
        if (storedBuckets != _buckets)
        {
            foreach (var item in bucketItems)
            {
                if (int.TryParse(item.Key.AsSpan(BucketPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b >= _buckets) _stale.Add(item.Key);
            }

            for (var b = 0; b < _buckets; b++) _changed.Add(b);
        }

        _learner.RestoreCount(observations);
        _headerObservations = observations;
        _headerLedger = _ledger.Version;
        _learner.TakeChanged(); // what was just loaded is what is stored
        return observations;
    }

    /// <summary>An evicted key leaves its bucket, which is rewritten without it.</summary>
    private void Unregister(Dictionary<int, int> registry, List<int>[] members, int key)
    {
        if (!registry.Remove(key, out var bucket)) return;
        members[bucket].Remove(key);
        _changed.Add(bucket);
    }

    private int Register(Dictionary<int, int> registry, List<int>[] members, int key)
    {
        if (registry.TryGetValue(key, out var bucket)) return bucket;
        bucket = (int)(StableHash.Of(_vocabulary.NameOf(key)) % (ulong)_buckets);
        registry[key] = bucket;
        members[bucket].Add(key);
        return bucket;
    }

    /// <summary>
    /// Whether the writer of a stored header closed (wrote its last checkpoint as it deactivated). A new writer that
    /// finds it open waits for it a little: the previous one may still be deactivating on a silo that stops.
    /// </summary>
    public static bool IsClosed(CheckpointItem header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return DecodeHeader(header.Data).Closing;
    }

    internal static byte[] EncodeHeader(CheckpointHeader header) => CheckpointCodec.Encode(FormatVersion, w =>
    {
        w.Write(header.Observations);
        w.Write(header.Buckets);
        w.Write(header.NowMs);
        w.Write(header.Closing);
        w.Write(LedgerTag);
        w.Write7BitEncodedInt(header.Ledger.Count);
        foreach (var (sender, sequence) in header.Ledger)
        {
            w.Write(sender);
            w.Write7BitEncodedInt64(sequence);
        }
    });

    private static CheckpointHeader DecodeHeader(byte[] data) =>
        CheckpointCodec.Decode(data, FormatVersion, (r, version) =>
        {
            var observations = r.ReadInt64();
            var buckets = r.ReadInt32();
            var nowMs = r.ReadInt64();
            if (version < 2) return new CheckpointHeader(observations, buckets, nowMs, true, []); // version 1 had no hand-over: nothing to wait for
            var closed = r.ReadBoolean();
            if (r.BaseStream.ReadByte() != LedgerTag) return new CheckpointHeader(observations, buckets, nowMs, closed, []); // written before the ledger
            var ledger = new (ulong, long)[r.Read7BitEncodedInt()];
            for (var i = 0; i < ledger.Length; i++) ledger[i] = (r.ReadUInt64(), r.Read7BitEncodedInt64());
            return new CheckpointHeader(observations, buckets, nowMs, closed, ledger);
        });

    private void DecodeBucket(byte[] data) => CheckpointCodec.Decode(data, FormatVersion, (r, _) =>
    {
        var trendingReference = r.ReadInt64();
        var popularReference = r.ReadInt64();
        var tracks = r.Read7BitEncodedInt();
        for (var i = 0; i < tracks; i++)
        {
            var track = _vocabulary.Intern(r.ReadString());
            var artistName = r.ReadString();
            var successors = ReadSet(r);
            var trending = r.ReadDouble();
            var popular = r.ReadDouble();
            if (_trackBucket.ContainsKey(track)) continue; // a key restored twice (rows of two bucket counts): the first wins
            Register(_trackBucket, _tracksIn, track);
            var artist = artistName.Length > 0 ? _vocabulary.Intern(artistName) : -1;
            _learner.RestoreTrack(track, artist, successors, trending, trendingReference, popular, popularReference);
        }

        var artists = r.Read7BitEncodedInt();
        for (var i = 0; i < artists; i++)
        {
            var artist = _vocabulary.Intern(r.ReadString());
            var counts = ReadSet(r);
            if (_artistBucket.ContainsKey(artist)) continue;
            Register(_artistBucket, _artistsIn, artist);
            _learner.RestoreArtist(artist, counts);
        }

        return true;
    });

    private (int Id, float Weight)[] ReadSet(BinaryReader r)
    {
        var n = r.Read7BitEncodedInt();
        var set = new (int, float)[n];
        for (var i = 0; i < n; i++) set[i] = (_vocabulary.Intern(r.ReadString()), r.ReadSingle());
        return set;
    }
}
