using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Evaluation;

/// <summary>
/// A recommender under evaluation. The harness asks <see cref="RecommendAsync"/> before it hands the event to
/// <see cref="RecordAsync"/>, and the query carries only who, which session and when: a model never sees the event it
/// is scored on.
/// </summary>
public interface ISequenceModel : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Learns from one event (in replay order).</summary>
    ValueTask RecordAsync(SessionEvent e);

    /// <summary>Makes everything recorded so far visible to the next recommendation (a no-op for synchronous models).</summary>
    ValueTask SyncAsync();

    /// <summary>Top <paramref name="count"/> track ids for the query's listener, best first (may be shorter).</summary>
    ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count);
}
