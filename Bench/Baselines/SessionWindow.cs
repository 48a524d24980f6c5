using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Baselines;

/// <summary>The last few events of every session, oldest first (what session-based baselines condition on).</summary>
public sealed class SessionWindow(int length)
{
    private readonly Dictionary<string, List<SessionEvent>> _sessions = new(StringComparer.Ordinal);

    public IReadOnlyList<SessionEvent> Recent(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var list) ? list : [];

    public void Add(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!_sessions.TryGetValue(e.SessionId, out var list))
        {
            list = [];
            _sessions[e.SessionId] = list;
        }

        if (list.Count == length) list.RemoveAt(0);
        list.Add(e);
    }
}
