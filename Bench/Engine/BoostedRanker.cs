namespace Personalization.Bench.Engine;

/// <summary>
/// A LambdaMART re-ranker of the engine's candidates (gradient-boosted regression trees on LambdaRank gradients), so
/// the headroom measurement is not limited to a linear score: trees find interactions between the features. It starts
/// from the engine's order (score -0.01 × listed position) and every pair (next track, other candidate) pulls with
/// the NDCG change of swapping them, plus 1 when the swap crosses the top-10 boundary (HR@10 is the target). Split
/// points are quantile bins of the training rows. Deterministic: no sampling.
/// </summary>
public sealed class BoostedRanker
{
    private const double OrderStep = 0.01;
    private readonly List<RankingTree> _trees;

    private BoostedRanker(List<RankingTree> trees) => _trees = trees;

    public int Trees => _trees.Count;

    /// <summary>Scores of a query's candidates (higher first; ties keep the listed order).</summary>
    public double[] Score(CandidateQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scores = new double[query.Rows.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var s = -OrderStep * i;
            foreach (var tree in _trees) s += tree.Value(query.Rows[i]);
            scores[i] = s;
        }

        return scores;
    }

    public static BoostedRanker Fit(IReadOnlyList<CandidateQuery> queries, BoostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(options);
        var train = queries.Where(q => q.Target >= 0 && q.Rows.Length > 1).ToList();
        var trees = new List<RankingTree>();
        if (train.Count == 0) return new BoostedRanker(trees);

        var rows = train.SelectMany(q => q.Rows).ToArray();
        var features = rows[0].Length;
        var thresholds = Enumerable.Range(0, features).Select(f => Thresholds(rows, f, options.Bins)).ToArray();
        var bins = rows.Select(r => Enumerable.Range(0, features).Select(f => (byte)BinOf(thresholds[f], r[f])).ToArray()).ToArray();
        var starts = new int[train.Count + 1];
        for (var q = 0; q < train.Count; q++) starts[q + 1] = starts[q] + train[q].Rows.Length;
        var scores = new double[rows.Length];
        for (var q = 0; q < train.Count; q++)
        {
            for (var i = 0; i < train[q].Rows.Length; i++) scores[starts[q] + i] = -OrderStep * i;
        }

        var gradients = new double[rows.Length];
        var hessians = new double[rows.Length];
        var nodes = new int[rows.Length];
        for (var t = 0; t < options.Trees; t++)
        {
            for (var q = 0; q < train.Count; q++) Lambdas(scores, starts[q], starts[q + 1], starts[q] + train[q].Target, gradients, hessians);
            var tree = Grow(bins, thresholds, gradients, hessians, nodes, options);
            trees.Add(tree);
            for (var i = 0; i < rows.Length; i++) scores[i] += tree.Value(rows[i]);
        }

        return new BoostedRanker(trees);
    }

    private static void Lambdas(double[] scores, int start, int end, int target, double[] gradients, double[] hessians)
    {
        var order = Enumerable.Range(start, end - start).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var position = new int[end - start];
        for (var k = 0; k < order.Length; k++) position[order[k] - start] = k;
        Array.Clear(gradients, start, end - start);
        Array.Clear(hessians, start, end - start);
        var targetPosition = position[target - start];
        var targetGain = 1 / Math.Log2(2 + targetPosition);
        for (var j = start; j < end; j++)
        {
            if (j == target) continue;
            var other = position[j - start];
            var delta = Math.Abs(targetGain - 1 / Math.Log2(2 + other)) + ((targetPosition < 10) != (other < 10) ? 1 : 0);
            var rho = 1 / (1 + Math.Exp(scores[target] - scores[j]));
            gradients[target] -= rho * delta;
            gradients[j] += rho * delta;
            var h = rho * (1 - rho) * delta;
            hessians[target] += h;
            hessians[j] += h;
        }
    }

    /// <summary>One tree, grown level by level from gradient histograms (Newton leaves, L2-regularised).</summary>
    private static RankingTree Grow(byte[][] bins, double[][] thresholds, double[] g, double[] h, int[] nodes, BoostingOptions o)
    {
        var features = thresholds.Length;
        var width = o.Bins + 1;
        var splitFeature = new int[1 << o.Depth];
        var splitThreshold = new double[1 << o.Depth];
        var splitBin = new int[1 << o.Depth];
        Array.Fill(nodes, 1);
        for (var d = 0; d < o.Depth; d++)
        {
            var first = 1 << d;
            var count = first;
            var sumG = new double[count * features * width];
            var sumH = new double[count * features * width];
            var rowsIn = new int[count * features * width];
            for (var i = 0; i < bins.Length; i++)
            {
                var at = (nodes[i] - first) * features * width;
                for (var f = 0; f < features; f++)
                {
                    var cell = at + f * width + bins[i][f];
                    sumG[cell] += g[i];
                    sumH[cell] += h[i];
                    rowsIn[cell]++;
                }
            }

            for (var n = 0; n < count; n++)
            {
                var (bestGain, bestFeature, bestBin) = (0.0, -1, -1);
                for (var f = 0; f < features; f++)
                {
                    var at = (n * features + f) * width;
                    double totalG = 0, totalH = 0;
                    var total = 0;
                    for (var b = 0; b < width; b++) (totalG, totalH, total) = (totalG + sumG[at + b], totalH + sumH[at + b], total + rowsIn[at + b]);
                    double leftG = 0, leftH = 0;
                    var left = 0;
                    for (var b = 0; b < thresholds[f].Length; b++)
                    {
                        (leftG, leftH, left) = (leftG + sumG[at + b], leftH + sumH[at + b], left + rowsIn[at + b]);
                        if (left < o.MinLeaf || total - left < o.MinLeaf) continue;
                        var rightG = totalG - leftG;
                        var gain = leftG * leftG / (leftH + o.L2) + rightG * rightG / (totalH - leftH + o.L2) - totalG * totalG / (totalH + o.L2);
                        if (gain > bestGain) (bestGain, bestFeature, bestBin) = (gain, f, b);
                    }
                }

                splitFeature[first + n] = bestFeature;
                splitBin[first + n] = bestBin;
                splitThreshold[first + n] = bestFeature < 0 ? 0 : thresholds[bestFeature][bestBin];
            }

            for (var i = 0; i < bins.Length; i++)
            {
                var f = splitFeature[nodes[i]];
                nodes[i] = f < 0 || bins[i][f] <= splitBin[nodes[i]] ? 2 * nodes[i] : 2 * nodes[i] + 1;
            }
        }

        var leafCount = 1 << o.Depth;
        var leafG = new double[leafCount];
        var leafH = new double[leafCount];
        for (var i = 0; i < bins.Length; i++)
        {
            leafG[nodes[i] - leafCount] += g[i];
            leafH[nodes[i] - leafCount] += h[i];
        }

        var leaves = leafG.Select((sum, k) => leafH[k] > 0 ? -sum / (leafH[k] + o.L2) * o.LearningRate : 0).ToArray();
        return new RankingTree(o.Depth, splitFeature, splitThreshold, leaves);
    }

    /// <summary>Split points: midpoints between distinct values when there are few, else quantiles of the rows.</summary>
    private static double[] Thresholds(double[][] rows, int feature, int bins)
    {
        var sorted = rows.Select(r => r[feature]).Order().ToArray();
        var distinct = sorted.Distinct().ToArray();
        return distinct.Length <= bins
            ? [.. distinct.Zip(distinct.Skip(1), (a, b) => (a + b) / 2)]
            : [.. Enumerable.Range(1, bins - 1).Select(k => sorted[(long)k * sorted.Length / bins]).Distinct()];
    }

    /// <summary>The first bin whose threshold is ≥ the value (the number of thresholds when none is).</summary>
    private static int BinOf(double[] thresholds, double value)
    {
        var i = Array.BinarySearch(thresholds, value);
        return i >= 0 ? i : ~i;
    }
}
