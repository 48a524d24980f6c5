using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;

namespace Personalization.Tests.Quality;

/// <summary>Remembers what it was told, and, for each query, everything it had been told before it.</summary>
internal sealed class SpyModel : ISequenceModel
{
    private readonly List<SessionEvent> _recorded = [];

    public string Name => "spy";

    public List<(QueryContext Query, SessionEvent[] KnownBefore)> Queries { get; } = [];

    public IReadOnlyList<SessionEvent> Recorded => _recorded;

    public ValueTask RecordAsync(SessionEvent e)
    {
        _recorded.Add(e);
        return ValueTask.CompletedTask;
    }

    public ValueTask SyncAsync() => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        Queries.Add((query, [.. _recorded]));
        return ValueTask.FromResult<IReadOnlyList<string>>([]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
