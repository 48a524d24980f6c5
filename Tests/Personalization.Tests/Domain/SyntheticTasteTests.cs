using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Engine.Synthetic;

namespace Personalization.Tests.Domain;

/// <summary>The synthetic world is learnable: replayed through the engine, recommendations follow each listener's latent taste.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class SyntheticTasteTests
{
    [Fact]
    public void Recommendations_after_replaying_the_world_follow_each_listeners_favourite_genres()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 60 });
        var options = new EngineOptions();
        var vocabulary = new Vocabulary();
        var learner = new ModelLearner(options);
        var model = new LiveModel();
        var states = world.Listeners.ToDictionary(l => l.UserId, _ => new ListenerState(options));
        var predecessors = new int[options.TransitionWindow];
        var lastMs = 0L;
        foreach (var e in world.Events())
        {
            var state = states[e.UserId];
            var listen = new Listen(
                vocabulary.Intern(e.TrackId), vocabulary.Intern(e.ArtistId), e.Kind, e.Timestamp.ToUnixTimeMilliseconds(), e.PositionMs, e.DurationMs);
            if (state.Apply(e.EventId, listen).NewStep)
            {
                var n = state.CopyPredecessors(predecessors);
                model.Apply(learner.Apply([new ModelObservation(listen.Track, listen.Artist, listen.TimeMs, 1f, predecessors[..n])]));
            }

            lastMs = listen.TimeMs;
        }

        var recommender = new Recommender(options);
        var now = lastMs + (long)TimeSpan.FromDays(1).TotalMilliseconds;
        int inTaste = 0, total = 0;
        foreach (var listener in world.Listeners)
        {
            foreach (var r in recommender.Recommend(states[listener.UserId], model, now, 10))
            {
                Assert.True(world.Catalog.TryGetTrack(vocabulary.NameOf(r.Track), out var track));
                total++;
                if (listener.LikesGenre(world.Catalog.ArtistOf(track).Genre)) inTaste++;
            }
        }

        // Random picks would land in a favourite genre about 2 times in 8.
        Assert.True(total >= 500, $"{total}");
        Assert.True(inTaste > 0.8 * total, $"{inTaste}/{total} recommendations in a favourite genre");
    }
}
