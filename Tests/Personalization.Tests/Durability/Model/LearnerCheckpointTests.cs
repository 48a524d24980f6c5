using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Durability.Model;

/// <summary>The shared model's learner state survives a checkpoint: restored, it serves and goes on learning exactly as before.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class LearnerCheckpointTests
{
    private const long T0 = 1_767_571_200_000;
    private const int Buckets = 16;
    private static readonly string[] Touched = ["t-0-1", "a-0", "t-0-0"];

    [Fact]
    public void A_restored_learner_publishes_the_same_lists_and_goes_on_learning_exactly_where_it_stopped()
    {
        var options = new EngineOptions();
        var (learner, vocabulary) = Learner(options);
        learner.Apply(Sessions(vocabulary, 0, 40)); // with credit taken back now and then: raw weights matter
        var items = new LearnerCheckpoint(learner, vocabulary, Buckets).Capture(T0).Items;

        var (restored, restoredVocabulary) = Learner(options);
        restoredVocabulary.Intern("unrelated-id-first"); // a restarted process numbers ids differently
        var observations = new LearnerCheckpoint(restored, restoredVocabulary, Buckets).Restore(items);

        Assert.Equal(learner.ObservationsApplied, observations);
        Assert.Equal(Named(learner.PublishAll(), vocabulary), Named(restored.PublishAll(), restoredVocabulary));
        var next = Sessions(vocabulary, 40, 60);
        var nextRestored = Sessions(restoredVocabulary, 40, 60);
        Assert.Equal(Named(learner.Apply(next), vocabulary), Named(restored.Apply(nextRestored), restoredVocabulary));
    }

    [Fact]
    public void A_checkpoint_rewrites_only_the_buckets_whose_keys_changed()
    {
        var options = new EngineOptions();
        var (learner, vocabulary) = Learner(options);
        var checkpoint = new LearnerCheckpoint(learner, vocabulary, Buckets);
        learner.Apply(Sessions(vocabulary, 0, 40));
        var first = checkpoint.Capture(T0);
        Assert.True(first.Buckets.Count > 8, $"a first checkpoint covers many buckets ({first.Buckets.Count})");

        Assert.True(checkpoint.Capture(T0 + 1).IsEmpty); // nothing changed: nothing written
        learner.Apply([Observe(vocabulary, "t-0-1", "a-0", T0 + 5_000, "t-0-0")]);
        var second = checkpoint.Capture(T0 + 2);

        var expected = Touched.Select(n => (int)(Personalization.Engine.StableHash.Of(n) % Buckets)).Distinct().Order();
        Assert.Equal(expected, second.Buckets);
        Assert.Equal(second.Buckets.Count + 1, second.Items.Count); // and the header
    }

    [Fact]
    public void A_snapshot_encoded_after_the_learner_went_on_holds_the_state_of_the_instant_it_was_taken()
    {
        var options = new EngineOptions();
        var (learner, vocabulary) = Learner(options);
        learner.Apply(Sessions(vocabulary, 0, 40));
        var then = Named(learner.PublishAll(), vocabulary);
        var snapshot = new LearnerCheckpoint(learner, vocabulary, Buckets).Snapshot(T0);

        learner.Apply(Sessions(vocabulary, 40, 80)); // the same keys' weights move on (the encoding runs later, elsewhere)
        Assert.NotEqual(then, Named(learner.PublishAll(), vocabulary));
        var (restored, restoredVocabulary) = Learner(options);
        new LearnerCheckpoint(restored, restoredVocabulary, Buckets).Restore(snapshot.Encode().Items);

        Assert.Equal(then, Named(restored.PublishAll(), restoredVocabulary));
    }

    [Fact]
    public void Buckets_of_a_failed_write_are_written_by_the_next_checkpoint()
    {
        var (learner, vocabulary) = Learner(new EngineOptions());
        var checkpoint = new LearnerCheckpoint(learner, vocabulary, Buckets);
        learner.Apply(Sessions(vocabulary, 0, 10));
        var failed = checkpoint.Snapshot(T0);
        checkpoint.Unwritten(failed);
        learner.Apply([Observe(vocabulary, "t-new", "a-new", T0 + 1, "t-0-0")]);

        var retried = checkpoint.Capture(T0 + 1);

        Assert.Superset(failed.Buckets.ToHashSet(), retried.Buckets.ToHashSet());
    }

    [Fact]
    public void A_checkpoint_of_another_bucket_count_loads_and_is_rewritten_under_the_new_one()
    {
        var options = new EngineOptions();
        var (learner, vocabulary) = Learner(options);
        learner.Apply(Sessions(vocabulary, 0, 30));
        var items = new LearnerCheckpoint(learner, vocabulary, 32).Capture(T0).Items;

        var (restored, restoredVocabulary) = Learner(options);
        var checkpoint = new LearnerCheckpoint(restored, restoredVocabulary, 8);
        checkpoint.Restore(items);
        var rewrite = checkpoint.Capture(T0 + 1);

        Assert.Equal(Named(learner.PublishAll(), vocabulary), Named(restored.PublishAll(), restoredVocabulary));
        Assert.Equal(Enumerable.Range(0, 8), rewrite.Buckets);
        Assert.Equal(items.Where(i => i.Key.StartsWith('b') && int.Parse(i.Key[1..], System.Globalization.CultureInfo.InvariantCulture) >= 8).Select(i => i.Key).Order(), rewrite.Deletes.Order());
    }

    [Fact]
    public void A_checkpoint_of_an_unknown_format_version_is_refused_with_a_clear_error()
    {
        var data = CheckpointCodec.Encode(LearnerCheckpoint.FormatVersion + 1, w => w.Write(1L));
        var (learner, vocabulary) = Learner(new EngineOptions());

        var error = Assert.Throws<InvalidDataException>(() => new LearnerCheckpoint(learner, vocabulary, Buckets).Restore([new CheckpointItem(LearnerCheckpoint.HeaderKey, data)]));
        Assert.Contains($"version {LearnerCheckpoint.FormatVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restored_state_is_published_in_versions_of_bounded_size_that_together_hold_every_key()
    {
        var (learner, vocabulary) = Learner(new EngineOptions());
        learner.Apply(Sessions(vocabulary, 0, 40));
        var whole = learner.PublishAll();
        var keys = whole.TrackArtists.Count + whole.Successors.Count + whole.ArtistTops.Count;

        var parts = whole.Split(7);
        var log = new ModelChangeLog();
        foreach (var part in parts) log.Record(part);

        Assert.Equal((keys + 6) / 7, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.TrackArtists.Count + p.Successors.Count + p.ArtistTops.Count, 1, 7));
        Assert.Equal(keys, parts.Sum(p => p.TrackArtists.Count + p.Successors.Count + p.ArtistTops.Count));
        Assert.Same(whole.Trending, parts[^1].Trending);
        var first = log.Since(0, 7);
        Assert.True(first.HasMore && first.Keys.Count == 7, $"a pull of 7 keys stops at a version boundary ({first.Keys.Count} keys)");
    }

    internal static (ModelLearner Learner, Vocabulary Vocabulary) Learner(EngineOptions options) => (new ModelLearner(options), new Vocabulary());

    /// <summary>Listeners' sessions over 5 artists × 8 tracks, with early skips taking credit back now and then.</summary>
    internal static List<ModelObservation> Sessions(Vocabulary vocabulary, int from, int to)
    {
        var batch = new List<ModelObservation>();
        for (var s = from; s < to; s++)
        {
            var previous = new List<string>();
            for (var step = 0; step < 6; step++)
            {
                var artist = (s + step / 3) % 5;
                var track = $"t-{artist}-{(s * 3 + step) % 8}";
                var time = T0 + s * 3_600_000L + step * 200_000L;
                batch.Add(Observe(vocabulary, track, $"a-{artist}", time, [.. previous], s % 7 == 3 && step == 2 ? -1f : 1f));
                previous.Insert(0, track);
            }
        }

        return batch;
    }

    internal static ModelObservation Observe(Vocabulary vocabulary, string track, string artist, long timeMs, params string[] predecessors) =>
        Observe(vocabulary, track, artist, timeMs, predecessors, 1f);

    private static ModelObservation Observe(Vocabulary vocabulary, string track, string artist, long timeMs, string[] predecessors, float weight) =>
        new(vocabulary.Intern(track), vocabulary.Intern(artist), timeMs, weight, [.. predecessors.Select(vocabulary.Intern)]);

    /// <summary>
    /// A delta in names, sorted by key, so learners with different id numbering compare (ties in a list are broken by
    /// process-local id, so entries of equal weight are compared by name).
    /// </summary>
    internal static string Named(ModelDelta delta, Vocabulary v)
    {
        string List(ScoredId[]? list) => list is null ? "-" : string.Join(",", list
            .Select(s => (Name: v.NameOf(s.Id), s.Weight)).OrderByDescending(s => s.Weight).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => $"{s.Name}:{s.Weight:R}"));
        var lines = new List<string>();
        lines.AddRange(delta.TrackArtists.Select(p => $"artist-of {v.NameOf(p.Track)}={v.NameOf(p.Artist)}"));
        lines.AddRange(delta.Successors.Select(p => $"after {v.NameOf(p.Track)}: {List(p.Successors)}"));
        lines.AddRange(delta.ArtistTops.Select(p => $"top {v.NameOf(p.Artist)}: {List(p.Tracks)}"));
        lines.Sort(StringComparer.Ordinal);
        lines.Add($"trending: {List(delta.Trending)}");
        lines.Add($"popular: {List(delta.Popular)}");
        return string.Join("\n", lines);
    }
}
