using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;

namespace Personalization.Bench.Baselines;

/// <summary>
/// SR (sequential rules, Ludewig &amp; Jannach): track j following track i within <c>steps</c> events of a session adds
/// 1/gap to rule i → j. A session is scored from its last <c>anchors</c> events, the k-th most recent weighted 1/k.
/// Back-filled with MostPop.
/// </summary>
public sealed class SequentialRules(TrackCatalog catalog, int steps = 10, int anchors = 5) : ISequenceModel
{
    private readonly SessionWindow _sessions = new(Math.Max(steps, anchors));
    private readonly Dictionary<string, Dictionary<string, double>> _rules = new(StringComparer.Ordinal);

    public string Name => "SR";

    public ValueTask RecordAsync(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var recent = _sessions.Recent(e.SessionId);
        for (var k = 1; k <= Math.Min(steps, recent.Count); k++)
        {
            var source = recent[^k].ItemId;
            if (!_rules.TryGetValue(source, out var targets))
            {
                targets = new Dictionary<string, double>(StringComparer.Ordinal);
                _rules[source] = targets;
            }

            targets[e.ItemId] = targets.GetValueOrDefault(e.ItemId) + 1.0 / k;
        }

        _sessions.Add(e);
        return ValueTask.CompletedTask;
    }

    public ValueTask SyncAsync() => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var recent = _sessions.Recent(query.SessionId);
        for (var k = 1; k <= Math.Min(anchors, recent.Count); k++)
        {
            if (!_rules.TryGetValue(recent[^k].ItemId, out var targets)) continue;
            foreach (var (track, weight) in targets) scores[track] = scores.GetValueOrDefault(track) + weight / k;
        }

        return ValueTask.FromResult<IReadOnlyList<string>>(TopScores.Take(scores, count, catalog));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
