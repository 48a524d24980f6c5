using Personalization.Bench.Evaluation;
using Personalization.Bench.Reporting;

namespace Personalization.Tests.Quality;

[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class BaselineMetricsTests
{
    private static async Task<EvaluationReport> ReplayFixtureAsync()
    {
        var slice = ReplayFixtures.Parse(ReplayFixtures.FiveEvents);
        var catalog = new TrackCatalog();
        var result = await new ReplayRunner(0.4).RunAsync(slice, catalog, Evaluator.Baselines(catalog));
        return EvaluationReport.From([result], "engine");
    }

    [Fact]
    public async Task Sequential_rules_hand_computed()
    {
        // Query (s2, B) after A B | A: rule A→B = 1 → [B, A(back-fill)] → hit at rank 1.
        // Query (s2, C) after A B | A B: last B has no rules, A→B = 2 (×1/2) → [B, A] → C unknown → miss.
        var sr = (await ReplayFixtureAsync()).Models.Single(m => m.Name == "SR");

        Assert.Equal(2, sr.N);
        Assert.Equal(0.5, sr.Hr10, 4);
        Assert.Equal(0.5, sr.Ndcg10, 4);
        Assert.Equal(0.5, sr.Mrr20, 4);
        Assert.Equal(Math.Round(2.0 / 3, 4), sr.Cov10, 4); // {A, B} of known {A, B, C}
    }

    [Fact]
    public async Task Most_popular_hand_computed()
    {
        // Query (s2, B): counts A=2, B=1 → [A, B] → rank 2: NDCG 1/log2(3), RR 1/2.
        // Query (s2, C): A=2, B=2, B played last → [B, A] → miss.
        var pop = (await ReplayFixtureAsync()).Models.Single(m => m.Name == "MostPop");

        Assert.Equal(0.5, pop.Hr10, 4);
        Assert.Equal(Math.Round(1 / Math.Log2(3) / 2, 4), pop.Ndcg10, 4);
        Assert.Equal(0.25, pop.Mrr20, 4);
    }

    [Fact]
    public async Task Session_artist_popularity_and_report_counts()
    {
        // Query (s2, B): last artist x: A=2, B=1 → [A, B] → rank 2. Query (s2, C): x: A=2, B=2 → C (artist y) missed.
        var report = await ReplayFixtureAsync();
        var sap = report.Models.Single(m => m.Name == "SessionArtistPop");

        Assert.Equal(0.5, sap.Hr10, 4);
        Assert.Equal(0.25, sap.Mrr20, 4);
        Assert.Equal(1, report.DuplicatesDropped);
        Assert.Contains("\"duplicatesDropped\": 1", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_metrics_score_positions_exactly()
    {
        var m = new RankMetrics();
        m.Add(["a", "b", "c"], "c");                                          // rank 3
        m.Add([.. Enumerable.Range(0, 20).Select(i => $"t{i}")], "t14");     // rank 15: MRR only
        m.Add(["x"], "nope");                                                 // miss

        Assert.Equal(3, m.N);
        Assert.Equal(1.0 / 3, m.HitRate, 10);
        Assert.Equal(0.5 / 3, m.Ndcg, 10);                                    // 1/log2(4) = 0.5
        Assert.Equal((1.0 / 3 + 1.0 / 15) / 3, m.Mrr, 10);
        Assert.Equal(14.0 / 26, m.Coverage(26), 10);                          // a b c, t0..t9, x: 14 distinct in top-10s
    }
}
