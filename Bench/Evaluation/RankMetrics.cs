namespace Personalization.Bench.Evaluation;

/// <summary>Accumulates HR@10, NDCG@10, MRR@20 over scored events and the distinct tracks of every top-10 (coverage).</summary>
public sealed class RankMetrics
{
    public const int HitCutoff = 10;
    public const int ListLength = 20;

    private readonly HashSet<string> _recommended = new(StringComparer.Ordinal);
    private double _hits;
    private double _ndcg;
    private double _reciprocalRanks;

    public int N { get; private set; }

    public double HitRate => N == 0 ? 0 : _hits / N;

    public double Ndcg => N == 0 ? 0 : _ndcg / N;

    public double Mrr => N == 0 ? 0 : _reciprocalRanks / N;

    public IReadOnlySet<string> RecommendedTop10 => _recommended;

    /// <summary>Scores one list against the track that was actually played next.</summary>
    public void Add(IReadOnlyList<string> ranked, string actual)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        N++;
        var limit = Math.Min(ranked.Count, ListLength);
        for (var i = 0; i < Math.Min(limit, HitCutoff); i++) _recommended.Add(ranked[i]);
        for (var i = 0; i < limit; i++)
        {
            if (!string.Equals(ranked[i], actual, StringComparison.Ordinal)) continue;
            var rank = i + 1;
            _reciprocalRanks += 1.0 / rank;
            if (rank <= HitCutoff)
            {
                _hits++;
                _ndcg += 1.0 / Math.Log2(rank + 1);
            }

            return;
        }
    }

    /// <summary>Distinct tracks in any top-10 divided by <paramref name="knownTracks"/>.</summary>
    public double Coverage(int knownTracks) => knownTracks == 0 ? 0 : (double)_recommended.Count / knownTracks;

    public void MergeFrom(RankMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        N += other.N;
        _hits += other._hits;
        _ndcg += other._ndcg;
        _reciprocalRanks += other._reciprocalRanks;
        _recommended.UnionWith(other._recommended);
    }
}
