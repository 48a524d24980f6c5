using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>A learner applying batches without lists (a model shard) names the same keys as with them, and a read model refuses such a delta.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelLearnerKeysOnlyTests
{
    private const long T0 = 1_767_571_200_000;

    [Fact]
    public void Without_lists_a_batch_names_the_same_keys_and_the_learner_learns_the_same()
    {
        var options = new EngineOptions { MaxLearnerTracks = 40 }; // evictions too
        var withLists = new ModelLearner(options);
        var keysOnly = new ModelLearner(options);
        var random = new Random(7);
        for (var b = 0; b < 30; b++)
        {
            var batch = Enumerable.Range(0, 20).Select(i =>
            {
                var track = random.Next(100);
                return new ModelObservation(track, 1000 + (track % 7), T0 + (b * 1000) + i, 1f, [random.Next(100), random.Next(100)]);
            }).ToList();

            var full = withLists.Apply(batch);
            var keys = keysOnly.Apply(batch, withLists: false);

            Assert.False(full.ListsOmitted);
            Assert.True(keys.ListsOmitted);
            Assert.Equal(full.Successors.Select(s => s.Track), keys.Successors.Select(s => s.Track));
            Assert.Equal(full.ArtistTops.Select(a => a.Artist), keys.ArtistTops.Select(a => a.Artist));
            Assert.Equal(full.TrackArtists, keys.TrackArtists);
            Assert.Equal(full.RemovedTracks, keys.RemovedTracks);
            Assert.All(keys.Successors, s => Assert.Empty(s.Successors));
        }

        for (var track = 0; track < 100; track++)
        {
            Assert.Equal(withLists.SuccessorsOf(track)?.Top(64), keysOnly.SuccessorsOf(track)?.Top(64));
            Assert.Equal(withLists.ArtistOf(track), keysOnly.ArtistOf(track));
        }

        Assert.Equal(withLists.Trending.Top, keysOnly.Trending.Top);
        Assert.Equal(withLists.PublishAll().Successors.Select(s => s.Track), keysOnly.PublishAll(withLists: false).Successors.Select(s => s.Track));
    }

    [Fact]
    public void A_read_model_refuses_a_delta_without_its_lists_and_keeps_what_it_held()
    {
        var model = new LiveModel();
        var learner = new ModelLearner(new EngineOptions());
        model.Apply(learner.Apply([new ModelObservation(2, 9, T0, 1f, [1])]));

        var keys = learner.Apply([new ModelObservation(3, 9, T0 + 1, 1f, [1])], withLists: false);

        Assert.Throws<ArgumentException>(() => model.Apply(keys));
        Assert.Equal(2, model.SuccessorsOf(1)[0].Id);
        Assert.Equal(-1, model.ArtistOf(3));
    }
}
