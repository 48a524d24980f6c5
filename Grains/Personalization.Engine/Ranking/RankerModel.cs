using System.Runtime.CompilerServices;

namespace Personalization.Engine.Ranking;

/// <summary>
/// A trained re-ranker: the engine's order (score -<see cref="OrderStep"/> × position) plus the trees' sum. Immutable;
/// shared by every grain of the silo. The trees are laid out in flat arrays, so scoring 50 candidates with a few hundred
/// trees stays a tight loop on the recommend path.
/// </summary>
public sealed class RankerModel
{
    public const double OrderStep = 0.01;
    private readonly int _trees;
    private readonly int _depth;
    private readonly int[] _features;
    private readonly float[] _thresholds;
    private readonly double[] _leaves;

    public RankerModel(IReadOnlyList<RankingTree> trees, int examples)
    {
        ArgumentNullException.ThrowIfNull(trees);
        Examples = examples;
        _trees = trees.Count;
        _depth = trees.Count > 0 ? trees[0].Depth : 0;
        var nodes = 1 << _depth;
        _features = new int[_trees * nodes];
        _thresholds = new float[_trees * nodes];
        _leaves = new double[_trees * nodes];
        for (var t = 0; t < _trees; t++)
        {
            if (trees[t].Depth != _depth) throw new ArgumentException("Every tree of a model has the same depth.", nameof(trees));
            trees[t].Features.CopyTo(_features.AsSpan(t * nodes, nodes));
            trees[t].Thresholds.CopyTo(_thresholds.AsSpan(t * nodes, nodes));
            trees[t].Leaves.CopyTo(_leaves.AsSpan(t * nodes, nodes));
        }
    }

    /// <summary>A model as <see cref="Write"/> stored it.</summary>
    private RankerModel(int trees, int depth, int[] features, float[] thresholds, double[] leaves, int examples)
    {
        var nodes = 1 << depth;
        if (trees < 0 || depth is < 0 or > 16 || features.Length != trees * nodes || thresholds.Length != features.Length || leaves.Length != features.Length)
        {
            throw new InvalidDataException("A stored re-ranker model is inconsistent.");
        }

        (_trees, _depth, _features, _thresholds, _leaves, Examples) = (trees, depth, features, thresholds, leaves, examples);
    }

    public int Trees => _trees;

    /// <summary>Writes the model exactly (trees, depth, the flat arrays and the example count).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_trees);
        writer.Write(_depth);
        writer.Write(Examples);
        foreach (var f in _features) writer.Write(f);
        foreach (var t in _thresholds) writer.Write(t);
        foreach (var l in _leaves) writer.Write(l);
    }

    public static RankerModel Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var trees = reader.ReadInt32();
        var depth = reader.ReadInt32();
        var examples = reader.ReadInt32();
        if (trees is < 0 or > 100_000 || depth is < 0 or > 16) throw new InvalidDataException("A stored re-ranker model is inconsistent.");
        var size = trees * (1 << depth);
        var features = new int[size];
        var thresholds = new float[size];
        var leaves = new double[size];
        for (var i = 0; i < size; i++) features[i] = reader.ReadInt32();
        for (var i = 0; i < size; i++) thresholds[i] = reader.ReadSingle();
        for (var i = 0; i < size; i++) leaves[i] = reader.ReadDouble();
        return new RankerModel(trees, depth, features, thresholds, leaves, examples);
    }

    /// <summary>How many examples it was trained on.</summary>
    public int Examples { get; }

    /// <summary>
    /// Scores of candidates given in the engine's order (higher first; ties keep that order). Tree by tree, every
    /// candidate through one tree before the next: the tree's few nodes stay in the nearest cache for all candidates
    /// (row by row, the whole forest, 300 trees × 8 nodes × 16 B, is read again for each candidate), and a node's
    /// decision becomes the next node's index without a data-dependent branch (the check for an unsplit node is the same
    /// for every candidate of a tree). Each candidate's sum adds the same leaves in the same order as one candidate at a
    /// time would, so scores are bit for bit the same (`Bench -- ranker-score` compares).
    /// </summary>
    public double[] Score(float[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scores = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) scores[i] = -OrderStep * i;
        var nodes = 1 << _depth;
        for (var t = 0; t < _trees; t++)
        {
            var features = _features.AsSpan(t * nodes, nodes);
            var thresholds = _thresholds.AsSpan(t * nodes, nodes);
            var leaves = _leaves.AsSpan(t * nodes, nodes);
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                var node = 1;
                for (var d = 0; d < _depth; d++)
                {
                    var f = features[node];
                    var left = f < 0 || row[f] <= thresholds[node]; // NaN goes right, as it always did
                    node = (2 * node) + 1 - Unsafe.As<bool, byte>(ref left);
                }

                scores[i] += leaves[node - nodes];
            }
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
