namespace Personalization.Engine;

/// <summary>
/// Whether a listener's steps come at a pace a person can listen at: a bucket of <c>burst</c> steps refilled by one
/// step per <c>interval</c> of event time. Steps beyond it (sustained plays far faster than real time) still update the
/// listener's own state but teach the shared model nothing. In memory only: a new activation starts with a full bucket.
/// A struct held inside <see cref="ListenerState"/>; use it through a reference.
/// </summary>
public struct ListeningPace(TimeSpan interval, int burst)
{
    private readonly double _intervalMs = interval.TotalMilliseconds;
    private double _tokens = burst;
    private long _lastMs = long.MinValue;

    /// <summary>Steps refused since the listener was loaded.</summary>
    public long Refused { readonly get; private set; }

    /// <summary>Takes one step at <paramref name="timeMs"/>; false when the listener is ahead of real time.</summary>
    public bool TryTake(long timeMs)
    {
        if (_intervalMs <= 0) return true;
        if (_lastMs != long.MinValue && timeMs > _lastMs) _tokens = Math.Min(burst, _tokens + (timeMs - _lastMs) / _intervalMs);
        _lastMs = Math.Max(_lastMs, timeMs);
        if (_tokens < 1)
        {
            Refused++;
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
