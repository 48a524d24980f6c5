using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelHeadTests
{
    private static readonly EngineOptions Options = new();

    [Fact]
    public void Within_its_quota_every_source_is_head_and_beyond_it_the_most_played_ones_are()
    {
        var learner = new ModelLearner(Options);
        var head = new ModelHead(quota: 3);
        // Sources 1..5, each followed by track 100; source s is played s times (its popularity).
        for (var source = 1; source <= 3; source++) Teach(learner, source, plays: source);
        Assert.False(head.Overflows(learner));
        Assert.Empty(head.Refresh(learner).Left);
        Assert.True(head.All);

        for (var source = 4; source <= 5; source++) Teach(learner, source, plays: source);
        Assert.True(head.Overflows(learner));
        var (entered, left) = head.Refresh(learner);
        Assert.False(head.All);
        Assert.Empty(entered); // every source was head before
        Assert.Equal([1, 2], left.Order());
        Assert.Equal(3, head.Count);
        Assert.True(head.Contains(5) && head.Contains(4) && head.Contains(3));
        Assert.False(head.Contains(1));

        Teach(learner, 1, plays: 20); // source 1 becomes the most played: it enters, the least played leaves
        (entered, left) = head.Refresh(learner);
        Assert.Equal([1], entered);
        Assert.Equal([3], left);
    }

    [Fact]
    public void A_tail_that_shrinks_back_within_the_quota_brings_every_source_back_to_the_head()
    {
        var options = new EngineOptions { MaxLearnerTracks = 100 };
        var learner = new ModelLearner(options);
        var head = new ModelHead(quota: 1);
        Teach(learner, 1, plays: 2);
        Teach(learner, 2, plays: 1);
        head.Refresh(learner);
        Assert.False(head.Contains(2));

        var restored = new ModelLearner(options); // e.g. a shard restored with one source left
        Teach(restored, 2, plays: 1);
        var (entered, _) = head.Refresh(restored);
        Assert.True(head.All);
        Assert.Equal([2], entered);
    }

    private static void Teach(ModelLearner learner, int source, int plays)
    {
        for (var i = 0; i < plays; i++)
        {
            learner.Apply([new ModelObservation(source, 1000 + source, 1_000 + i, 1f, []), new ModelObservation(100, 1100, 1_000 + i, 1f, [source])]);
        }
    }
}
