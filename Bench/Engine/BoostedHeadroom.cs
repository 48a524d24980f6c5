using System.Globalization;
using Personalization.Engine.Ranking;

namespace Personalization.Bench.Engine;

/// <summary>
/// The headroom of a non-linear re-ranker (the engine's own <see cref="LambdaMart"/>) over the engine's exported candidates, held
/// out: either two folds of alternate queries (each fitted on the other), or, with a training share, fitted on the
/// first queries of the file (the earlier ones: the export is in replay order) and measured on the rest — what a
/// re-ranker learned online from the past would have added.
/// </summary>
public static class BoostedHeadroom
{
    public static BoostedHeadroomReport Measure(IReadOnlyList<CandidateQuery> queries, double? trainFirst, RankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (trainFirst is { } share)
        {
            if (share is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(trainFirst), share, "The training share must be in (0, 1).");
            var cut = (int)Math.Round(share * queries.Count);
            var train = queries.Take(cut).ToList();
            var heldOut = queries.Skip(cut).ToList();
            var ranker = Fit(train, options);
            return new BoostedHeadroomReport(
                string.Create(CultureInfo.InvariantCulture, $"fitted on the first {share:P0} of the queries, measured on the rest"),
                train.Count, heldOut.Count, heldOut.Count(q => q.Target >= 0), EngineHits(heldOut), Hits(heldOut, ranker), ranker.Trees);
        }

        var a = queries.Where((_, i) => i % 2 == 0).ToList();
        var b = queries.Where((_, i) => i % 2 == 1).ToList();
        var fitA = Fit(a, options);
        var fitB = Fit(b, options);
        return new BoostedHeadroomReport(
            "two folds of alternate queries, each measured with the other's trees",
            a.Count, queries.Count, queries.Count(q => q.Target >= 0), EngineHits(queries), Hits(b, fitA) + Hits(a, fitB), fitA.Trees);
    }

    public static string Render(BoostedHeadroomReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.HeldOutQueries == 0) return "no held-out queries in the candidate file\n";
        double Rate(int hits) => (double)hits / r.HeldOutQueries;
        return string.Join('\n',
            $"boosted re-ranker ({r.Trees} trees): {r.Split}",
            string.Create(CultureInfo.InvariantCulture, $"held-out queries {r.HeldOutQueries:N0} (training on {r.TrainQueries:N0}), next track among the listed candidates in {r.Listed:N0}"),
            string.Create(CultureInfo.InvariantCulture, $"HR@10 engine order          {Rate(r.EngineHits):F4}"),
            string.Create(CultureInfo.InvariantCulture, $"HR@10 re-ranked, held out   {Rate(r.BoostedHits):F4}  ({Rate(r.BoostedHits) - Rate(r.EngineHits):+0.0000;-0.0000})")) + '\n';
    }

    private static int EngineHits(IEnumerable<CandidateQuery> queries) => queries.Count(q => q.Target is >= 0 and < 10);

    private static int Hits(IEnumerable<CandidateQuery> queries, RankerModel ranker) =>
        queries.Count(q => q.Target >= 0 && RerankHeadroom.RankOfTarget(q, ranker.Score(Rows(q))) < 10);

    private static RankerModel Fit(IEnumerable<CandidateQuery> queries, RankerOptions options) =>
        LambdaMart.Fit([.. queries.Select(q => new RankingExample(Rows(q), q.Target))], options);

    private static float[][] Rows(CandidateQuery q) => [.. q.Rows.Select(r => r.Select(v => (float)v).ToArray())];
}
