using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Evaluation;

/// <summary>What a model may know about the event it is asked to predict: who, in which session, when. Not the track.</summary>
public readonly record struct QueryContext(string UserId, string SessionId, long Time)
{
    public static QueryContext Of(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new QueryContext(e.UserId, e.SessionId, e.Time);
    }
}
