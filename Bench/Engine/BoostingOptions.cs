namespace Personalization.Bench.Engine;

/// <summary>
/// Settings of <see cref="BoostedRanker"/>. The defaults are the ones that held out best on 30Music slice 0 (depth 3,
/// at least 200 candidates per leaf, learning rate 0.05, 150 trees); deeper or longer fits only learned the training
/// queries.
/// </summary>
public sealed record BoostingOptions(int Trees = 150, int Depth = 3, int MinLeaf = 200, double LearningRate = 0.05, double L2 = 1, int Bins = 64);
