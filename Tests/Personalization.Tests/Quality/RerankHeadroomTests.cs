using Personalization.Bench.Engine;

namespace Personalization.Tests.Quality;

[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class RerankHeadroomTests : IDisposable
{
    private readonly CandidateFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Engine_order_counts_hits_at_ten_and_ties_keep_the_listed_order()
    {
        // q1: next track listed 4th → hit. q2: listed 11th, tied with the 10th → still 11th (listed order) → miss.
        // q3: not listed. q4: no candidates at all (counted as a query, never a hit). q5: listed 10th, tied with the
        // 11th and 12th → still 10th → hit.
        var lines = new List<string>();
        lines.AddRange(CandidateFile.Query("q1", target: 3, count: 12, score: i => 1.0 - 0.05 * i));
        lines.AddRange(CandidateFile.Query("q2", target: 10, count: 12, score: i => i >= 9 ? 0.5 : 1.0 - 0.05 * i));
        lines.AddRange(CandidateFile.Query("q3", target: -1, count: 5, score: i => 1.0 - 0.1 * i));
        lines.Add(CandidateFile.EmptyQuery("q4"));
        lines.AddRange(CandidateFile.Query("q5", target: 9, count: 12, score: i => i >= 9 ? 0.5 : 1.0 - 0.05 * i));
        _file.Write(lines);

        var queries = RerankHeadroom.Read(_file.Path);
        var engineOrder = new double[RerankHeadroom.Features.Count];
        engineOrder[0] = 1;

        Assert.Equal(["q1", "q2", "q3", "q4", "q5"], queries.Select(q => q.Id));
        Assert.Equal([3, 10, -1, -1, 9], queries.Select(q => q.Target));
        Assert.Equal(2, RerankHeadroom.Hits(queries, engineOrder));
    }

    [Fact]
    public void A_feature_that_marks_the_next_track_is_learned_and_holds_on_the_held_out_fold()
    {
        // Every next track is listed 12th of 12, and only it follows the playing track (after_1 > 0): in the engine's
        // order nothing hits; a re-ranker that learns after_1 from one half hits every query of the other half.
        var lines = new List<string>();
        for (var q = 0; q < 40; q++) lines.AddRange(CandidateFile.Query($"q{q}", target: 11, count: 12, score: i => 1.0 - 0.05 * i, after1: i => i == 11 ? 5 : 0));
        _file.Write(lines);

        var report = RerankHeadroom.Measure(RerankHeadroom.Read(_file.Path));

        Assert.Equal(40, report.Queries);
        Assert.Equal(40, report.Listed);
        Assert.Equal(0, report.EngineHits);
        Assert.Equal(40, report.InSampleHits);
        Assert.Equal(40, report.HeldOutHits);
        Assert.Contains("held out   1.0000  (+1.0000)", RerankHeadroom.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_features_only_reads_the_replay_only_facts_as_zero()
    {
        _file.Write(CandidateFile.Query("q1", target: 0, count: 2, score: i => 1.0 - 0.1 * i, after1: _ => 2, listeners: 5));
        var names = RerankHeadroom.Features.Select(f => f.Name).ToList();
        var listeners = names.IndexOf("log_listeners");
        var after1 = names.IndexOf("log_after_1");

        var all = RerankHeadroom.Read(_file.Path).Single().Rows[0];
        var engineOnly = RerankHeadroom.Read(_file.Path, engineFeaturesOnly: true).Single().Rows[0];

        Assert.Subset(names.ToHashSet(), RerankHeadroom.ReplayFeatures.ToHashSet());
        Assert.Equal(Math.Log(6), all[listeners], 9);
        Assert.Equal(0, engineOnly[listeners]);
        Assert.Equal(Math.Log(3), engineOnly[after1], 9); // what the engine knows is kept
        Assert.All(RerankHeadroom.ReplayFeatures, f => Assert.Equal(0, engineOnly[names.IndexOf(f)]));
    }

    [Fact]
    public void A_file_without_an_exported_column_is_refused()
    {
        File.WriteAllLines(_file.Path, ["query\thit\trank\tscore", "q1\t1\t0\t1"]);

        var error = Assert.Throws<InvalidDataException>(() => RerankHeadroom.Read(_file.Path));
        Assert.Contains("'reason' is missing", error.Message, StringComparison.Ordinal);
    }
}
