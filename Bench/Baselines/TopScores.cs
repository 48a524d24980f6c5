using Personalization.Bench.Evaluation;

namespace Personalization.Bench.Baselines;

/// <summary>Turns a score map into a ranked list (ties: more plays, then id) back-filled with MostPop.</summary>
public static class TopScores
{
    public static List<string> Take(IReadOnlyDictionary<string, double> scores, int count, TrackCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(catalog);
        var list = scores
            .OrderByDescending(p => p.Value)
            .ThenByDescending(p => catalog.PlaysOf(p.Key))
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(p => p.Key)
            .ToList();
        catalog.BackFill(list, count);
        return list;
    }
}
