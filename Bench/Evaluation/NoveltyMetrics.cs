namespace Personalization.Bench.Evaluation;

/// <summary>
/// Novelty of the top-10 lists: <see cref="SelfInformation"/> = mean −log2((plays + 1) / (all plays + 1)) of the listed
/// tracks, plays counted in the slice so far (higher = less popular tracks), and <see cref="Unplayed"/> = share of listed
/// tracks the listener has never played in the slice so far.
/// </summary>
public sealed class NoveltyMetrics
{
    private double _bits;
    private double _unplayed;
    private long _items;

    public double SelfInformation => _items == 0 ? 0 : _bits / _items;

    public double Unplayed => _items == 0 ? 0 : _unplayed / _items;

    public void Add(IReadOnlyList<string> ranked, TrackCatalog catalog, IReadOnlySet<string>? playedByListener)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(catalog);
        var total = catalog.TotalPlays + 1.0;
        for (var i = 0; i < Math.Min(ranked.Count, RankMetrics.HitCutoff); i++)
        {
            _bits += -Math.Log2((catalog.PlaysOf(ranked[i]) + 1) / total);
            if (playedByListener is null || !playedByListener.Contains(ranked[i])) _unplayed++;
            _items++;
        }
    }

    public void MergeFrom(NoveltyMetrics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _bits += other._bits;
        _unplayed += other._unplayed;
        _items += other._items;
    }
}
