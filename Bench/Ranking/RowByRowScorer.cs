using Personalization.Engine.Ranking;

namespace Personalization.Bench.Ranking;

/// <summary>
/// The baseline of `Bench -- ranker-score`: the re-ranker's scoring as it was before it went tree by tree, one candidate
/// through the whole forest at a time, over the same trees (<see cref="RankingTree"/>'s flat arrays).
/// </summary>
public sealed class RowByRowScorer(IReadOnlyList<RankingTree> trees)
{
    private readonly int _depth = trees[0].Depth;
    private readonly int[] _features = [.. trees.SelectMany(t => t.Features.ToArray())];
    private readonly float[] _thresholds = [.. trees.SelectMany(t => t.Thresholds.ToArray())];
    private readonly double[] _leaves = [.. trees.SelectMany(t => t.Leaves.ToArray())];

    public double[] Score(float[][] rows)
    {
        var scores = new double[rows.Length];
        var nodes = 1 << _depth;
        var count = _features.Length / nodes;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var s = -RankerModel.OrderStep * i;
            for (var t = 0; t < count; t++)
            {
                var at = t * nodes;
                var node = 1;
                for (var d = 0; d < _depth; d++)
                {
                    var f = _features[at + node];
                    node = f < 0 || row[f] <= _thresholds[at + node] ? 2 * node : 2 * node + 1;
                }

                s += _leaves[at + node - nodes];
            }

            scores[i] = s;
        }

        return scores;
    }
}
