using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Tests.Durability.Model;

namespace Personalization.Tests.Domain;

/// <summary>The shared model's key caps: the coldest keys are evicted everywhere they were published, and only those.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelBoundsTests
{
    private const long T0 = 1_767_571_200_000;
    private static readonly EngineOptions Capped = new() { MaxLearnerTracks = 100, MaxLearnerArtists = 100 };

    [Fact]
    public void A_learner_fed_endless_new_tracks_holds_at_most_its_cap_and_its_readers_drop_what_it_evicted()
    {
        var vocabulary = new Vocabulary();
        var learner = new ModelLearner(Capped);
        var model = new LiveModel();
        var merger = new ShardMerger(1, 64, 200);
        for (var batch = 0; batch < 50; batch++)
        {
            // A hot pair (played every batch) and 20 fresh tracks by fresh artists, each after the hot track.
            var observations = new List<ModelObservation> { Observe(vocabulary, "hot-b", "hot-artist", T0 + batch, "hot-a") };
            for (var i = 0; i < 20; i++) observations.Add(Observe(vocabulary, $"new-{batch}-{i}", $"artist-{batch}-{i}", T0 + batch, "hot-b"));
            model.Apply(merger.Merge(0, learner.Apply(observations)));

            Assert.InRange(learner.TrackCount, 0, Capped.MaxLearnerTracks);
            Assert.InRange(learner.ArtistCount, 0, Capped.MaxLearnerArtists);
        }

        Assert.True(learner.TrackEvictions >= 1_000 - Capped.MaxLearnerTracks, $"{learner.TrackEvictions} tracks evicted");
        Assert.InRange(model.TrackCount, 1, Capped.MaxLearnerTracks);
        Assert.InRange(model.SourceTrackCount, 1, Capped.MaxLearnerTracks);
        Assert.InRange(model.ArtistCount, 1, Capped.MaxLearnerArtists);
        Assert.Equal(vocabulary.Intern("hot-artist"), model.ArtistOf(vocabulary.Intern("hot-b")));
        Assert.Contains(vocabulary.Intern("hot-b"), model.SuccessorsOf(vocabulary.Intern("hot-a")).ToArray().Select(s => s.Id));
        Assert.Equal(-1, model.ArtistOf(vocabulary.Intern("new-0-0")));
        Assert.True(model.TopTracksOf(vocabulary.Intern("artist-0-0")).IsEmpty);
        Assert.DoesNotContain(model.Trending.ToArray(), s => vocabulary.NameOf(s.Id) == "new-0-0");
        Assert.All(model.Trending.ToArray(), s => Assert.True(learner.HoldsTrack(s.Id), $"{vocabulary.NameOf(s.Id)} is trending but evicted"));
    }

    [Fact]
    public void Eviction_takes_the_least_recently_learned_tracks_first()
    {
        var vocabulary = new Vocabulary();
        var learner = new ModelLearner(Capped);
        for (var i = 0; i < 100; i++) learner.Apply([Observe(vocabulary, $"old-{i}", "a", T0 + i)]);
        learner.Apply([Observe(vocabulary, "old-7", "a", T0 + 200)]); // played again: warm
        learner.Apply([Observe(vocabulary, "newest", "a", T0 + 300)]);

        Assert.True(learner.HoldsTrack(vocabulary.Intern("old-7")));
        Assert.True(learner.HoldsTrack(vocabulary.Intern("newest")));
        Assert.Equal(95, learner.TrackCount); // 101 keys: evicted down to 95% of the cap, the six coldest
        Assert.False(learner.HoldsTrack(vocabulary.Intern("old-5")));
        Assert.True(learner.HoldsTrack(vocabulary.Intern("old-6")));
    }

    [Fact]
    public void A_checkpoint_forgets_evicted_keys_and_a_restore_under_a_smaller_cap_keeps_the_warmest()
    {
        var vocabulary = new Vocabulary();
        var learner = new ModelLearner(new EngineOptions());
        var checkpoint = new LearnerCheckpoint(learner, vocabulary, 8);
        for (var i = 0; i < 300; i++) learner.Apply([Observe(vocabulary, $"t-{i}", $"a-{i % 150}", T0 + i, i > 0 ? $"t-{i - 1}" : "t-start")]);
        var stored = checkpoint.Capture(T0).Items.ToDictionary(i => i.Key);

        var (small, smallVocabulary) = LearnerCheckpointTests.Learner(Capped);
        var smallCheckpoint = new LearnerCheckpoint(small, smallVocabulary, 8);
        smallCheckpoint.Restore(stored.Values);
        var published = small.PublishAll();
        Assert.InRange(small.TrackCount, 1, Capped.MaxLearnerTracks);
        Assert.InRange(published.TrackArtists.Count, 1, Capped.MaxLearnerTracks);

        // The next capture rewrites the buckets without the evicted keys: restored again, it holds what the small learner holds.
        foreach (var item in smallCheckpoint.Capture(T0 + 1).Items) stored[item.Key] = item;
        var (again, againVocabulary) = LearnerCheckpointTests.Learner(Capped);
        new LearnerCheckpoint(again, againVocabulary, 8).Restore(stored.Values);
        Assert.Equal(small.TrackCount, again.TrackCount);
        Assert.Equal(LearnerCheckpointTests.Named(published, smallVocabulary), LearnerCheckpointTests.Named(again.PublishAll(), againVocabulary));
    }

    [Fact]
    public void The_change_log_stays_bounded_by_the_keys_held_under_endless_eviction()
    {
        var vocabulary = new Vocabulary();
        var learner = new ModelLearner(Capped);
        var log = new ModelChangeLog((kind, key) => kind == ChangeKind.ArtistTop ? learner.HoldsArtist(key) : learner.HoldsTrack(key), removalRetention: 1_000);
        const int Batches = 6_000; // 3 new keys each: 18,000 keys ever, about 300 held at a time
        for (var batch = 0; batch < Batches; batch++)
        {
            log.Record(learner.Apply([Observe(vocabulary, $"t-{batch}", $"a-{batch}", T0 + batch, $"s-{batch}")]));
        }

        // Held keys plus the evictions of the last 1,000 versions (about 3,300 keys), twice over before a compaction.
        Assert.InRange(log.EntryCount, 1, (2 * 3_500) + 4_096);
        var recent = log.Since(log.Version - 10, int.MaxValue);
        Assert.Contains((ChangeKind.TrackArtist, vocabulary.Intern($"t-{Batches - 1}")), recent.Keys);
        Assert.Contains((ChangeKind.TrackArtist, vocabulary.Intern($"t-{Batches - 200}")), log.Since(log.Version - 300, int.MaxValue).Keys); // an eviction a reader may still need
    }

    private static ModelObservation Observe(Vocabulary vocabulary, string track, string artist, long timeMs, params string[] predecessors) =>
        LearnerCheckpointTests.Observe(vocabulary, track, artist, timeMs, predecessors);
}
