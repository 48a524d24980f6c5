using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;
using Personalization.Engine.Rewards;

namespace Personalization.Tests.Durability.Model;

/// <summary>
/// Checkpoints written by format version 1 (Durability/Data/model-checkpoint-v1.txt: a shard of 12 sessions in 4
/// buckets, a silo's re-ranker header and examples) keep loading, with the values they held when they were written.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class ModelCheckpointGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Durability", "Data", "model-checkpoint-v1.txt");

    [Fact]
    public void A_version_1_shard_checkpoint_restores_the_learner_it_was_written_from()
    {
        var vocabulary = new Vocabulary();
        var learner = new ModelLearner(new EngineOptions());

        var observations = new LearnerCheckpoint(learner, vocabulary, 4).Restore(Items("shard-0"));

        Assert.Equal(72, observations);
        Assert.Equal(23, learner.TrackKeys.Count());
        Assert.Equal(5, learner.ArtistKeys.Count());
        Assert.Equal("t-0-1:3,t-1-1:1,t-1-2:1,t-1-3:1,t-0-2:0.5,t-1-4:0.5,t-1-5:0.2", Named(learner.SuccessorsOf(vocabulary.Intern("t-0-0"))!, vocabulary));
        Assert.Equal("t-1-3:6,t-1-2:4,t-1-4:4,t-1-1:2,t-1-5:2", Named(learner.TracksOf(vocabulary.Intern("a-1"))!, vocabulary));
        Assert.Equal("a-0", vocabulary.NameOf(learner.ArtistOf(vocabulary.Intern("t-0-0"))));
        Assert.True(learner.Trending.ScoreOf(vocabulary.Intern("t-0-1")) > 0);
    }

    [Fact]
    public void A_version_1_silo_checkpoint_restores_the_re_ranker_and_the_arms()
    {
        var arms = new SourceArms(new ExplorationOptions());
        var ranker = new LearnedRanker(new RankerOptions { MinExamples = 4, RetrainEvery = 4, MaxExamples = 8 });

        ranker.Restore(RankerCheckpoint.DecodeHeader(Items("learned").Single().Data, arms), RankerCheckpoint.DecodeExamples(Items("learned-s").Single().Data));

        Assert.Equal(6, ranker.Progress().Added);
        Assert.Equal(1, ranker.ModelsTrained);
        float[][] probe = [[1f, 3f, 0f], [0f, 5f, 1f], [0f, 2f, 2f], [0f, 9f, 3f]];
        Assert.Equal([0.15726645547804763, -0.16726645547804764, -0.17726645547804765, -0.18726645547804763], ranker.Current!.Score(probe));
        Assert.NotNull(ranker.ExampleAt(5));
        Assert.Equal(new ArmStatistics(ListeningContext.InSession, ReasonKind.AfterTrack, 2, 1, 0.5), arms.Get(ListeningContext.InSession, ReasonKind.AfterTrack));
    }

    private static List<CheckpointItem> Items(string scope) =>
        [.. File.ReadLines(GoldenPath).Select(l => l.Split(' ')).Where(p => p[0] == scope).Select(p => new CheckpointItem(p[1], Convert.FromBase64String(p[2])))];

    /// <summary>Entries heaviest first, equal weights by name (ties are broken by process-local ids in the set itself).</summary>
    private static string Named(WeightedSet set, Vocabulary v) => string.Join(",", set.Top(64)
        .Select(s => (Name: v.NameOf(s.Id), s.Weight)).OrderByDescending(s => s.Weight).ThenBy(s => s.Name, StringComparer.Ordinal)
        .Select(s => $"{s.Name}:{s.Weight:R}"));
}
