using Personalization.Engine.Ranking;

namespace Personalization.Bench.Ranking;

/// <summary>
/// Random complete trees and candidate rows of the re-ranker's shape (deterministic from a seed): every feature in
/// use, some nodes that stopped splitting (feature -1), some missing values (NaN), for `Bench -- ranker-score` and the
/// tests that compare scorers.
/// </summary>
public static class RandomForest
{
    public static IReadOnlyList<RankingTree> Trees(int trees, int depth, int features, int seed)
    {
        var random = new Random(seed);
        var nodes = 1 << depth;
        return [.. Enumerable.Range(0, trees).Select(_ =>
        {
            var f = new int[nodes];
            var thresholds = new float[nodes];
            var leaves = new double[nodes];
            for (var n = 1; n < nodes; n++)
            {
                f[n] = random.Next(10) == 0 ? -1 : random.Next(features);
                thresholds[n] = (float)random.NextDouble();
            }

            for (var n = 0; n < nodes; n++) leaves[n] = (random.NextDouble() - 0.5) / 10;
            return new RankingTree(depth, f, thresholds, leaves);
        })];
    }

    public static float[][] Rows(int rows, int features, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, features)
            .Select(_ => random.Next(50) == 0 ? float.NaN : (float)random.NextDouble()).ToArray())];
    }
}
