namespace Personalization.Engine.Ranking;

/// <summary>
/// One regression tree of a <see cref="RankerModel"/>, complete to <see cref="Depth"/>: internal node k (heap order,
/// root 1) sends a row left when its feature is ≤ the threshold (feature -1: always left); leaf k is node 2^depth + k.
/// </summary>
public sealed class RankingTree(int depth, int[] features, float[] thresholds, double[] leaves)
{
    public int Depth { get; } = depth;

    internal ReadOnlySpan<int> Features => features;

    internal ReadOnlySpan<float> Thresholds => thresholds;

    internal ReadOnlySpan<double> Leaves => leaves;

    public double Value(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var node = 1;
        for (var d = 0; d < Depth; d++)
        {
            var f = features[node];
            node = f < 0 || row[f] <= thresholds[node] ? 2 * node : 2 * node + 1;
        }

        return leaves[node - (1 << Depth)];
    }
}
