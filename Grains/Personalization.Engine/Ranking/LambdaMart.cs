namespace Personalization.Engine.Ranking;

/// <summary>
/// Trains a <see cref="RankerModel"/>: gradient-boosted regression trees on LambdaRank gradients (LambdaMART). It
/// starts from the engine's order; in every example each pair (played track, other candidate) pulls with the NDCG
/// change of swapping them, plus 1 when the swap crosses the top-10 boundary (hits at 10 are what a listener sees).
/// Trees grow level by level from gradient histograms over quantile bins of the training rows, with Newton leaves.
/// Deterministic: no sampling. Examples whose played track is not among their rows teach nothing and are skipped.
/// </summary>
public static class LambdaMart
{
    public static RankerModel Fit(IReadOnlyList<RankingExample> examples, RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        var train = examples.Where(e => e.Target >= 0 && e.Target < e.Rows.Length && e.Rows.Length > 1).ToList();
        var trees = new List<RankingTree>();
        if (train.Count == 0) return new RankerModel(trees, 0);

        var rows = train.SelectMany(e => e.Rows).ToArray();
        var features = rows[0].Length;
        var thresholds = new float[features][];
        for (var f = 0; f < features; f++) thresholds[f] = Thresholds(rows, f, options.Bins);
        var bins = new byte[rows.Length * features]; // row-major, one flat array: the histogram pass reads it in order
        for (var i = 0; i < rows.Length; i++)
        {
            for (var f = 0; f < features; f++) bins[i * features + f] = (byte)BinOf(thresholds[f], rows[i][f]);
        }

        var starts = new int[train.Count + 1];
        for (var q = 0; q < train.Count; q++) starts[q + 1] = starts[q] + train[q].Rows.Length;
        var scores = new double[rows.Length];
        for (var q = 0; q < train.Count; q++)
        {
            for (var i = 0; i < train[q].Rows.Length; i++) scores[starts[q] + i] = -RankerModel.OrderStep * i;
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

        return new RankerModel(trees, train.Count);
    }

    private static void Lambdas(double[] scores, int start, int end, int target, double[] gradients, double[] hessians)
    {
        var n = end - start;
        var order = new int[n];
        for (var k = 0; k < n; k++) order[k] = start + k;
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var position = new int[n];
        for (var k = 0; k < n; k++) position[order[k] - start] = k;
        Array.Clear(gradients, start, n);
        Array.Clear(hessians, start, n);
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
    private static RankingTree Grow(byte[] bins, float[][] thresholds, double[] g, double[] h, int[] nodes, RankerOptions o)
    {
        var features = thresholds.Length;
        var rows = nodes.Length;
        var width = o.Bins + 1;
        var splitFeature = new int[1 << o.Depth];
        var splitBin = new int[1 << o.Depth];
        var splitThreshold = new float[1 << o.Depth];
        Array.Fill(nodes, 1);
        for (var d = 0; d < o.Depth; d++)
        {
            var first = 1 << d;
            var cells = new Cell[first * features * width];
            for (var i = 0; i < rows; i++)
            {
                var at = (nodes[i] - first) * features * width;
                var (gi, hi) = (g[i], h[i]);
                var row = bins.AsSpan(i * features, features);
                for (var f = 0; f < features; f++)
                {
                    ref var cell = ref cells[at + f * width + row[f]];
                    cell.G += gi;
                    cell.H += hi;
                    cell.Rows++;
                }
            }

            for (var n = 0; n < first; n++)
            {
                var (bestGain, bestFeature, bestBin) = (0.0, -1, -1);
                for (var f = 0; f < features; f++)
                {
                    var at = (n * features + f) * width;
                    double totalG = 0, totalH = 0;
                    var total = 0;
                    for (var b = 0; b < width; b++) (totalG, totalH, total) = (totalG + cells[at + b].G, totalH + cells[at + b].H, total + cells[at + b].Rows);
                    double leftG = 0, leftH = 0;
                    var left = 0;
                    for (var b = 0; b < thresholds[f].Length; b++)
                    {
                        (leftG, leftH, left) = (leftG + cells[at + b].G, leftH + cells[at + b].H, left + cells[at + b].Rows);
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

            for (var i = 0; i < rows; i++)
            {
                var f = splitFeature[nodes[i]];
                nodes[i] = f < 0 || bins[i * features + f] <= splitBin[nodes[i]] ? 2 * nodes[i] : 2 * nodes[i] + 1;
            }
        }

        var leafCount = 1 << o.Depth;
        var leafG = new double[leafCount];
        var leafH = new double[leafCount];
        for (var i = 0; i < rows; i++)
        {
            leafG[nodes[i] - leafCount] += g[i];
            leafH[nodes[i] - leafCount] += h[i];
        }

        var leaves = new double[leafCount];
        for (var k = 0; k < leafCount; k++) leaves[k] = leafH[k] > 0 ? -leafG[k] / (leafH[k] + o.L2) * o.LearningRate : 0;
        return new RankingTree(o.Depth, splitFeature, splitThreshold, leaves);
    }

    /// <summary>Split points: midpoints between distinct values when there are few, else quantiles of the rows.</summary>
    private static float[] Thresholds(float[][] rows, int feature, int bins)
    {
        var sorted = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++) sorted[i] = rows[i][feature];
        Array.Sort(sorted);
        var distinct = new List<float>();
        foreach (var v in sorted)
        {
            if (distinct.Count == 0 || distinct[^1] != v) distinct.Add(v);
        }

        if (distinct.Count <= bins) return [.. distinct.Zip(distinct.Skip(1), (a, b) => a + (b - a) / 2)];
        var quantiles = new List<float>(bins);
        for (var k = 1; k < bins; k++)
        {
            var v = sorted[(long)k * sorted.Length / bins];
            if (quantiles.Count == 0 || quantiles[^1] != v) quantiles.Add(v);
        }

        return [.. quantiles];
    }

    /// <summary>The first bin whose threshold is ≥ the value (the number of thresholds when none is).</summary>
    private static int BinOf(float[] thresholds, float value)
    {
        var i = Array.BinarySearch(thresholds, value);
        return i >= 0 ? i : ~i;
    }

    /// <summary>One histogram cell: the gradient and hessian sums and the row count of a (node, feature, bin).</summary>
    private struct Cell
    {
        public double G;
        public double H;
        public int Rows;
    }
}
