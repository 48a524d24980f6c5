using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Ranking;
using Personalization.Engine.Rewards;

namespace Personalization.Tests.Durability.Model;

/// <summary>A silo's learned re-ranker (model, counters, example ring) and its exploration arms survive a checkpoint.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class RankerCheckpointTests
{
    private const long T0 = 1_767_571_200_000;

    [Fact]
    public async Task A_restored_ranker_serves_the_same_model_and_trains_exactly_as_the_original_would()
    {
        var options = new RankerOptions { MinExamples = 20, RetrainEvery = 20, MinRetrainInterval = TimeSpan.Zero, MaxExamples = 50, Trees = 20 };
        var original = new LearnedRanker(options);
        var random = new Random(7);
        for (var i = 0; i < 70; i++) original.Add(Example(random), T0 + i * 1000);
        await original.WhenTrainedAsync();
        var arms = new SourceArms(new ExplorationOptions());
        arms.Served(ListeningContext.InSession, ReasonKind.SessionArtist, 0, false);
        arms.Attributed(ListeningContext.InSession, ReasonKind.SessionArtist, 0, ItemOutcome.Completed, 1);

        var (restored, restoredArms) = RoundTrip(original, arms, options, itemsOf: 16);

        var rows = Example(new Random(99)).Rows;
        Assert.Equal(original.Current!.Score(rows), restored.Current!.Score(rows));
        Assert.Equal(original.Progress() with { Model = null }, restored.Progress() with { Model = null });
        Assert.Equal(arms.Get(ListeningContext.InSession, ReasonKind.SessionArtist), restoredArms.Get(ListeningContext.InSession, ReasonKind.SessionArtist));

        // The next training, on the restored ring, gives the model the original trains on the same ring.
        var next = Enumerable.Range(0, 20).Select(_ => Example(random)).ToList();
        foreach (var e in next) original.Add(e, T0 + 200_000);
        foreach (var e in next) restored.Add(e, T0 + 200_000);
        await original.WhenTrainedAsync();
        await restored.WhenTrainedAsync();
        Assert.Equal(original.ModelsTrained, restored.ModelsTrained);
        Assert.Equal(original.Current!.Score(rows), restored.Current!.Score(rows));
    }

    [Fact]
    public void Arms_stored_with_fewer_sources_keep_the_arms_both_know()
    {
        var stored = new double[2 * 3];
        var reward = new double[2 * 3];
        stored[(int)ListeningContext.InSession * 3 + 1] = 10; // context-major: in session, source 1
        reward[(int)ListeningContext.InSession * 3 + 1] = 4;
        stored[(int)ListeningContext.NoSession * 3 + 2] = 7;
        var arms = new SourceArms(new ExplorationOptions());

        arms.Restore(stored, reward, sources: 3);

        Assert.Equal((10.0, 4.0), (arms.Get(ListeningContext.InSession, (ReasonKind)1).Served, arms.Get(ListeningContext.InSession, (ReasonKind)1).Reward));
        Assert.Equal(7.0, arms.Get(ListeningContext.NoSession, (ReasonKind)2).Served);
        Assert.Equal(0.0, arms.Get(ListeningContext.InSession, ReasonKind.Popular).Served);
    }

    /// <summary>Through the byte forms a checkpoint stores: the header and example chunks of <paramref name="itemsOf"/>.</summary>
    internal static (LearnedRanker Ranker, SourceArms Arms) RoundTrip(LearnedRanker original, SourceArms arms, RankerOptions options, int itemsOf)
    {
        var progress = original.Progress();
        var header = RankerCheckpoint.EncodeHeader(progress, arms, T0);
        var chunks = new List<byte[]>();
        for (var first = 0L; first < progress.Added; first += itemsOf) chunks.Add(RankerCheckpoint.EncodeExamples(original, first, itemsOf));

        var restoredArms = new SourceArms(new ExplorationOptions());
        var restored = new LearnedRanker(options);
        restored.Restore(RankerCheckpoint.DecodeHeader(header, restoredArms), chunks.SelectMany(RankerCheckpoint.DecodeExamples));
        Assert.Equal(T0, RankerCheckpoint.WrittenAtMs(header));
        return (restored, restoredArms);
    }

    /// <summary>8 candidates × 3 features; the played one has the highest first feature (something to learn).</summary>
    internal static RankingExample Example(Random random)
    {
        var target = random.Next(8);
        var rows = Enumerable.Range(0, 8).Select(i => new[] { i == target ? 1f : (float)random.NextDouble() * 0.5f, (float)random.NextDouble(), i }).ToArray();
        return new RankingExample(rows, target);
    }
}
