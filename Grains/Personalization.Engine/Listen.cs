namespace Personalization.Engine;

/// <summary>
/// One listening signal with interned ids. <paramref name="PositionMs"/> and <paramref name="DurationMs"/> are 0 when unknown.
/// Time is the event's own (client) time in unix milliseconds: sessions and decay follow event time, so replays and tests are exact.
/// </summary>
public readonly record struct Listen(int Track, int Artist, SignalKind Kind, long TimeMs, int PositionMs = 0, int DurationMs = 0);
