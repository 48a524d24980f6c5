namespace Personalization.Engine.Ranking;

/// <summary>
/// One regression tree of a <see cref="RankerModel"/>, complete to <c>depth</c>: internal node k (heap order, root 1)
/// sends a row left when its feature is ≤ the threshold (feature -1: always left); leaves are nodes 2^depth … 2^(depth+1)-1.
/// </summary>
public sealed class RankingTree(int depth, int[] features, float[] thresholds, double[] leaves)
{
    public double Value(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var node = 1;
        for (var d = 0; d < depth; d++)
        {
            var f = features[node];
            node = f < 0 || row[f] <= thresholds[node] ? 2 * node : 2 * node + 1;
        }

        return leaves[node - (1 << depth)];
    }
}
