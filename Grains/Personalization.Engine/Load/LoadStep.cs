namespace Personalization.Engine.Load;

/// <summary>One synthetic listening event of the performance harness: event id, catalog track number, kind, time (unix ms).</summary>
public readonly record struct LoadStep(string EventId, int Track, SignalKind Kind, long TimeMs)
{
    /// <summary>Playback position reported with the event: early for a skip, the full track otherwise.</summary>
    public int PositionMs => Kind == SignalKind.Skip ? 10_000 : (int)LoadCatalog.StepMs;
}
