namespace Personalization.Engine.Ranking;

/// <summary>
/// A trained re-ranker: the engine's order (score -<see cref="OrderStep"/> × position) plus the trees' sum. Immutable;
/// shared by every grain of the silo.
/// </summary>
public sealed class RankerModel(IReadOnlyList<RankingTree> trees, int examples)
{
    public const double OrderStep = 0.01;

    public int Trees => trees.Count;

    /// <summary>How many examples it was trained on.</summary>
    public int Examples { get; } = examples;

    /// <summary>Scores of candidates given in the engine's order (higher first; ties keep that order).</summary>
    public double[] Score(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scores = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var s = -OrderStep * i;
            foreach (var tree in trees) s += tree.Value(rows[i]);
            scores[i] = s;
        }

        return scores;
    }

    /// <summary>Positions 0…n-1 sorted by <see cref="Score"/>, best first; a stable sort, so ties keep the engine's order.</summary>
    public int[] Order(float[][] rows)
    {
        var scores = Score(rows);
        var order = Enumerable.Range(0, rows.Length).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order;
    }
}
