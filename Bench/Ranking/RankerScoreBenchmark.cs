using System.Diagnostics;
using System.Globalization;
using Personalization.Engine.Ranking;

namespace Personalization.Bench.Ranking;

/// <summary>
/// `Bench -- ranker-score`: the re-ranker's scoring of one recommendation's candidates (<see cref="RankerModel.Score"/>,
/// tree by tree) against the baseline measured in the same run (<see cref="RowByRowScorer"/>, one candidate at a time),
/// on the same random trees and rows; alternating rounds, medians. Checks the scores are identical first.
/// </summary>
public static class RankerScoreBenchmark
{
    public sealed record Result(int Trees, int Depth, int Candidates, int Features, double BaselineMicroseconds, double ScoreMicroseconds, int Rounds)
    {
        public double Speedup => BaselineMicroseconds / ScoreMicroseconds;
    }

    public static Result Run(int trees, int depth, int candidates, double seconds, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var features = RankingFeatures.Names.Count;
        var forest = RandomForest.Trees(trees, depth, features, seed: 1);
        var model = new RankerModel(forest, examples: 0);
        var baseline = new RowByRowScorer(forest);
        var sets = Enumerable.Range(0, 64).Select(s => RandomForest.Rows(candidates, features, seed: 100 + s)).ToArray();
        foreach (var rows in sets)
        {
            if (!model.Score(rows).SequenceEqual(baseline.Score(rows))) throw new InvalidOperationException("ranker-score: the scorers disagree.");
        }

        var baselineTimes = new List<double>();
        var scoreTimes = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds || baselineTimes.Count < 3)
        {
            baselineTimes.Add(Time(rows => baseline.Score(rows), sets));
            scoreTimes.Add(Time(rows => model.Score(rows), sets));
        }

        var result = new Result(trees, depth, candidates, features, Median(baselineTimes), Median(scoreTimes), baselineTimes.Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ranker-score: {trees} trees of depth {depth}, {candidates} candidates × {features} features: row by row {result.BaselineMicroseconds:F1} µs, tree by tree {result.ScoreMicroseconds:F1} µs per recommendation ({result.Speedup:F2} ×; medians of {result.Rounds} alternating rounds)"));
        return result;
    }

    /// <summary>Mean µs per call over one pass of every row set, repeated for about 0.2 s.</summary>
    private static double Time(Func<float[][], double[]> score, float[][][] sets)
    {
        var calls = 0;
        var sink = 0.0;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 200)
        {
            foreach (var rows in sets) sink += score(rows)[0];
            calls += sets.Length;
        }

        GC.KeepAlive(sink);
        return clock.Elapsed.TotalMicroseconds / calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
