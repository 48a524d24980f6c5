using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;

namespace Personalization.Bench.Baselines;

/// <summary>SessionArtistPop: the most played tracks of the artist of the session's last event, back-filled with MostPop.</summary>
public sealed class SessionArtistPopular(TrackCatalog catalog) : ISequenceModel
{
    private readonly SessionWindow _sessions = new(1);
    private readonly Dictionary<string, Dictionary<string, double>> _artistPlays = new(StringComparer.Ordinal);

    public string Name => "SessionArtistPop";

    public ValueTask RecordAsync(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!_artistPlays.TryGetValue(e.ArtistId, out var plays))
        {
            plays = new Dictionary<string, double>(StringComparer.Ordinal);
            _artistPlays[e.ArtistId] = plays;
        }

        plays[e.ItemId] = plays.GetValueOrDefault(e.ItemId) + 1;
        _sessions.Add(e);
        return ValueTask.CompletedTask;
    }

    public ValueTask SyncAsync() => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<string>> RecommendAsync(QueryContext query, int count)
    {
        var recent = _sessions.Recent(query.SessionId);
        var plays = recent.Count > 0 && _artistPlays.TryGetValue(recent[^1].ArtistId, out var p)
            ? p
            : new Dictionary<string, double>();
        return ValueTask.FromResult<IReadOnlyList<string>>(TopScores.Take(plays, count, catalog));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
