using Personalization.Bench.Ranking;
using Personalization.Engine.Ranking;

namespace Personalization.Tests.Domain;

/// <summary>The re-ranker's scoring, tree by tree, gives bit for bit what each tree's own walk gives, candidate by candidate.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class RankerScoreTests
{
    [Theory]
    [InlineData(300, 3, 50)]
    [InlineData(7, 1, 3)]
    [InlineData(40, 6, 200)]
    public void Scores_equal_the_sum_of_each_trees_value_in_tree_order(int trees, int depth, int candidates)
    {
        var features = RankingFeatures.Names.Count;
        var forest = RandomForest.Trees(trees, depth, features, seed: trees);
        var model = new RankerModel(forest, examples: 0);
        var rows = RandomForest.Rows(candidates, features, seed: depth);
        if (trees >= 40)
        {
            Assert.Contains(rows, r => r.Any(float.IsNaN)); // missing values are in play
            Assert.Contains(forest, t => t.Features.ToArray().Skip(1).Contains(-1)); // and nodes that stopped splitting
        }

        var scores = model.Score(rows);

        for (var i = 0; i < rows.Length; i++)
        {
            var expected = -RankerModel.OrderStep * i;
            foreach (var tree in forest) expected += tree.Value(rows[i]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(scores[i]));
        }

        Assert.Equal(scores, new RowByRowScorer(forest).Score(rows)); // the benchmark's baseline scores alike
    }

    [Fact]
    public void The_ranker_score_benchmark_runs_both_scorers_on_the_same_rows()
    {
        var log = new StringWriter();

        var result = RankerScoreBenchmark.Run(trees: 20, depth: 3, candidates: 10, seconds: 0, log);

        Assert.True(result.Rounds >= 3);
        Assert.True(result.BaselineMicroseconds > 0 && result.ScoreMicroseconds > 0);
        Assert.Contains("ranker-score: 20 trees of depth 3", log.ToString(), StringComparison.Ordinal);
    }
}
