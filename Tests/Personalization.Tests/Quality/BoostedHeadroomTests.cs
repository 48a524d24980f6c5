using Personalization.Bench.Cli;
using Personalization.Bench.Engine;
using Personalization.Engine.Ranking;

namespace Personalization.Tests.Quality;

[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class BoostedHeadroomTests : IDisposable
{
    private static readonly RankerOptions Small = new() { Trees = 30, MinLeaf = 5, LearningRate = 0.3 };
    private readonly CandidateFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Trees_fitted_on_the_earlier_queries_learn_a_feature_that_marks_the_next_track()
    {
        // Every next track is listed 12th of 12 and only it follows the playing track: the engine's order hits
        // nothing; trees fitted on the first half hit every query of the second half.
        var lines = new List<string>();
        for (var q = 0; q < 40; q++) lines.AddRange(CandidateFile.Query($"q{q}", target: 11, count: 12, score: i => 1.0 - 0.05 * i, after1: i => i == 11 ? 5 : 0));
        _file.Write(lines);

        var report = BoostedHeadroom.Measure(RerankHeadroom.Read(_file.Path), trainFirst: 0.5, Small);

        Assert.Equal((20, 20, 20), (report.TrainQueries, report.HeldOutQueries, report.Listed));
        Assert.Equal(0, report.EngineHits);
        Assert.Equal(20, report.BoostedHits);
        Assert.Contains("held out   1.0000  (+1.0000)", BoostedHeadroom.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Trees_learn_an_interaction_a_linear_score_cannot_express()
    {
        // 24 candidates: the engine's first 10 are decoys, then 7 that follow the playing track, then 7 by the playing
        // artist. In quiet queries (trending 0 on every row) the next track is the last follower; in busy ones
        // (trending 20) the last same-artist track. A linear score cannot tell the queries apart (trending is the same
        // on every row of a query), so it can lift only one group into the top 10; trees split on trending first.
        var lines = new List<string>();
        for (var q = 0; q < 60; q++)
        {
            var busy = q % 4 >= 2; // both folds (alternate queries) hold both kinds
            lines.AddRange(CandidateFile.Query(
                $"q{q}", target: busy ? 23 : 16, count: 24, score: i => 1.0 - 0.01 * i,
                after1: i => i is >= 10 and < 17 ? 5 : 0, sameArtist: i => i >= 17 ? 1 : 0, trending: busy ? 20 : 0));
        }

        _file.Write(lines);
        var queries = RerankHeadroom.Read(_file.Path);

        var boosted = BoostedHeadroom.Measure(queries, trainFirst: null, Small);
        var linear = RerankHeadroom.Measure(queries);

        Assert.Equal(0, boosted.EngineHits);
        Assert.Equal(60, boosted.BoostedHits);
        Assert.InRange(linear.HeldOutHits, 0, 30);
    }

    [Fact]
    public void Headroom_arguments_are_checked()
    {
        var parsed = HeadroomArguments.Parse(["c.tsv", "--boosted", "--train-first", "0.6", "--depth", "4", "--min-leaf", "50"]);

        Assert.Equal(("c.tsv", true, 0.6, 4, 50, new RankerOptions().Trees), (parsed.File, parsed.Boosted, parsed.TrainFirst, parsed.Boosting.Depth, parsed.Boosting.MinLeaf, parsed.Boosting.Trees));
        var plain = HeadroomArguments.Parse(["c.tsv"]);
        Assert.Equal(("c.tsv", false, (double?)null, false), (plain.File, plain.Boosted, plain.TrainFirst, plain.EngineFeaturesOnly));
        Assert.True(HeadroomArguments.Parse(["c.tsv", "--engine-features", "--boosted"]).EngineFeaturesOnly);
        Assert.Contains("apply to --boosted only", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["c.tsv", "--trees", "10"])).Message, StringComparison.Ordinal);
        Assert.Contains("Depth must be in [1, 8]", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["c.tsv", "--boosted", "--depth", "9"])).Message, StringComparison.Ordinal);
        Assert.Contains("whole number ≥ 1", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["c.tsv", "--boosted", "--min-leaf", "0"])).Message, StringComparison.Ordinal);
        Assert.Contains("apply to --boosted only", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["c.tsv", "--train-first", "0.5"])).Message, StringComparison.Ordinal);
        Assert.Contains("in (0, 1)", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["c.tsv", "--boosted", "--train-first", "1"])).Message, StringComparison.Ordinal);
        Assert.Contains("Required argument missing for command: 'rerank-headroom'", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["--boosted"])).Message, StringComparison.Ordinal);
        Assert.Contains("Unrecognized command or argument '--leaves'", Assert.Throws<ArgumentException>(() => HeadroomArguments.Parse(["c.tsv", "--leaves"])).Message, StringComparison.Ordinal);
    }
}
