using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;

namespace Personalization.Bench.Baselines;

/// <summary>MostPop: the most played tracks of the slice so far, the same list for everyone.</summary>
public sealed class MostPopular(TrackCatalog catalog) : ISequenceModel
{
    public string Name => "MostPop";

    public ValueTask RecordAsync(SessionEvent e) => ValueTask.CompletedTask; // the harness records into the catalog

    public ValueTask SyncAsync() => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        var list = new List<string>(count);
        catalog.BackFill(list, count);
        return ValueTask.FromResult<IReadOnlyList<string>>(list);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
