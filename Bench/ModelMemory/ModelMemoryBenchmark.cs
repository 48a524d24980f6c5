using System.Diagnostics;
using Personalization.Bench.Restore;
using Personalization.Engine.Load;
using Personalization.Engine;
using Personalization.Engine.Model;
using static System.FormattableString;

namespace Personalization.Bench.ModelMemory;

/// <summary>
/// What the shared model costs in memory per track, measured on the real structures (no silo): the shard learners and
/// their published lists, a silo's read model with its shard merger, and the vocabulary, for a Zipf catalogue in which
/// every track was played and follows some others. The sizing table applies those costs to larger catalogues and
/// clusters with the key caps of <see cref="EngineOptions"/>.
/// </summary>
public static class ModelMemoryBenchmark
{
    public static ModelMemoryResult Run(int tracks, int shards, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        // Measured without caps (every track kept), so the costs are per catalogue track; the sizing applies the default cap.
        var options = new EngineOptions { MaxLearnerTracks = 50_000_000, MaxLearnerArtists = 50_000_000 };
        var baseline = Heap();
        var vocabulary = new Vocabulary();
        for (var t = 0; t < tracks; t++)
        {
            vocabulary.Intern(LoadCatalog.TrackId(t));
            if (t % 10 == 0) vocabulary.Intern(LoadCatalog.ArtistId(t));
        }

        var afterVocabulary = Heap();
        log.WriteLine(Invariant($"vocabulary: {tracks:N0} tracks interned"));

        var learners = Enumerable.Range(0, shards).Select(_ => new ModelLearner(options)).ToArray();
        var watch = Stopwatch.StartNew();
        var observations = Learn(learners, vocabulary, tracks);
        var learnSeconds = watch.Elapsed.TotalSeconds;
        var afterLearners = Heap();
        log.WriteLine(Invariant($"learners: {observations:N0} observations in {learnSeconds:F1} s"));

        var deltas = learners.Select(l => l.PublishAll()).ToArray();
        var published = deltas.Select(d =>
        {
            var copy = new LiveModel();
            copy.Apply(d);
            return copy;
        }).ToArray();
        var afterPublished = Heap();

        var readModel = new LiveModel();
        var merger = new ShardMerger(shards, Math.Max(options.MaxSuccessorsPerTrack, options.MaxTopTracksPerArtist), options.TrendingSize);
        for (var s = 0; s < shards; s++) readModel.Apply(Merge(merger, s, deltas[s]));
        deltas = null;
        var afterReadModel = Heap();

        var result = new ModelMemoryResult(
            tracks, shards, observations, learners.Sum(l => l.TrackCount), readModel.TrackCount,
            afterVocabulary - baseline, afterLearners - afterVocabulary, afterPublished - afterLearners, afterReadModel - afterPublished,
            learners.Sum(l => l.EstimateBytes()), published.Sum(p => p.EstimatedBytes), readModel.EstimatedBytes + merger.EstimatedBytes,
            new EngineOptions().MaxLearnerTracks);
        GC.KeepAlive(learners);
        GC.KeepAlive(published);
        GC.KeepAlive(readModel);
        GC.KeepAlive(merger);
        GC.KeepAlive(vocabulary);
        return result;
    }

    /// <summary>Every track once, after three Zipf-drawn tracks of its session; then twice as many Zipf plays in sessions.</summary>
    private static long Learn(ModelLearner[] learners, Vocabulary vocabulary, int tracks)
    {
        var random = new Random(7);
        var zipf = new ZipfTracks(tracks);
        var batches = learners.Select(_ => new List<ModelObservation>(4096)).ToArray();
        long observations = 0;
        const long T0 = 1_767_571_200_000;
        var session = new int[3];
        for (var n = 0; n < 3L * tracks; n++)
        {
            var track = n < tracks ? n : zipf.Next(random);
            for (var k = 0; k < session.Length; k++) session[k] = vocabulary.Intern(LoadCatalog.TrackId(zipf.Next(random)));
            var name = LoadCatalog.TrackId(track);
            var shard = (int)(Personalization.Engine.StableHash.Of(name) % (ulong)learners.Length);
            batches[shard].Add(new ModelObservation(vocabulary.Intern(name), vocabulary.Intern(LoadCatalog.ArtistId(track)), T0 + n, 1, [.. session]));
            observations++;
            if (batches[shard].Count < 4096) continue;
            learners[shard].Apply(batches[shard]);
            batches[shard].Clear();
        }

        for (var s = 0; s < learners.Length; s++) learners[s].Apply(batches[s]);
        return observations;
    }

    /// <summary>As a silo merges what it pulled: the lists are its own copies (they came over the wire), not the shards' arrays.</summary>
    private static ModelDelta Merge(ShardMerger merger, int shard, ModelDelta delta)
    {
        var copy = new ModelDelta { Trending = delta.Trending, Popular = delta.Popular };
        copy.TrackArtists.AddRange(delta.TrackArtists);
        foreach (var (track, list) in delta.Successors) copy.Successors.Add((track, [.. list]));
        foreach (var (artist, list) in delta.ArtistTops) copy.ArtistTops.Add((artist, [.. list]));
        return merger.Merge(shard, copy);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static string Render(ModelMemoryResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        double PerTrack(long bytes) => (double)bytes / r.Tracks;
        var keysPerTrack = (double)r.LearnerTracks / r.Tracks;
        var lines = new List<string>
        {
            Invariant($"| part | bytes per track (measured heap) | estimate (metrics) ÷ measured |"),
            "|---|---:|---:|",
            Invariant($"| shard learners ({r.Shards}, all tracks) | {PerTrack(r.LearnerBytes):N0} | {(double)r.LearnerEstimate / r.LearnerBytes:F2} |"),
            Invariant($"| shards' published lists | {PerTrack(r.PublishedBytes):N0} | {(double)r.PublishedEstimate / r.PublishedBytes:F2} |"),
            Invariant($"| a silo's read model + merger | {PerTrack(r.ReadModelBytes):N0} | {(double)r.ReadModelEstimate / r.ReadModelBytes:F2} |"),
            Invariant($"| vocabulary (names) | {PerTrack(r.VocabularyBytes):N0} | — |"),
            "",
            Invariant($"{r.Tracks:N0} tracks, {r.Observations:N0} observations, {r.LearnerTracks:N0} learner track keys, {r.ReadModelTracks:N0} read-model tracks."),
            "",
            "Sizing (per silo; the read model and vocabulary are full replicas, the shards are spread over the silos; a track",
            Invariant($"is a key in {keysPerTrack:F2} shards on average (its own, and those of the tracks that follow it), so the"),
            Invariant($"shards needed are tracks × {keysPerTrack:F2} ÷ MaxLearnerTracks ({r.MaxLearnerTracks:N0})):"),
            "",
            "| tracks | shards needed | silos | replicated part (GB) | shard part (GB) | model per silo (GB) |",
            "|---:|---:|---:|---:|---:|---:|",
        };
        var replicated = PerTrack(r.ReadModelBytes) + PerTrack(r.VocabularyBytes);
        var partitioned = PerTrack(r.LearnerBytes) + PerTrack(r.PublishedBytes);
        foreach (var tracks in new long[] { 1_000_000, 10_000_000, 100_000_000 })
        {
            foreach (var silos in new[] { 1, 3, 10 })
            {
                var shardsNeeded = (long)Math.Ceiling(tracks * keysPerTrack / r.MaxLearnerTracks);
                var replicatedGb = replicated * tracks / 1e9;
                var shardGb = partitioned * tracks / silos / 1e9;
                lines.Add(Invariant($"| {tracks:N0} | {shardsNeeded:N0} | {silos} | {replicatedGb:F1} | {shardGb:F1} | {replicatedGb + shardGb:F1} |"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }
}
