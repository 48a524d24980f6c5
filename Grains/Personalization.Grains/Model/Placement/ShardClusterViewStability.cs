namespace Personalization.Grains.Model.Placement;

/// <summary>
/// Since when the cluster view has not changed, as one silo saw it. Fed by every look (<see cref="Observe"/>): a change
/// is dated when it is first seen, so a silo that looks rarely waits longer, never shorter. The first look counts as a
/// change (a silo that just started waits a whole delay before it moves anything). Thread-safe: one per silo, every
/// shard's timer feeds it.
/// </summary>
public sealed class ShardClusterViewStability
{
    private readonly Lock _lock = new();
    private ShardClusterView? _last;
    private DateTimeOffset _since;

    /// <summary>Records what the silo sees now; returns how long it has looked like this.</summary>
    public TimeSpan Observe(ShardClusterView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        lock (_lock)
        {
            if (_last is null || !_last.SameAs(view))
            {
                _last = view;
                _since = now;
            }

            return now < _since ? TimeSpan.Zero : now - _since;
        }
    }
}
