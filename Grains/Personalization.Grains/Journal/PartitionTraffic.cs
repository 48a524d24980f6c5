using System.Diagnostics;

namespace Personalization.Grains.Journal;

/// <summary>
/// The group-commit writer's record of transactions in flight per partition (owned by its loop; not thread-safe).
/// A partition may start a transaction while fewer than <c>maxInFlight</c> of its transactions are in flight; one
/// running longer than <c>overdueAfter</c> (the commit timeout) no longer counts: a commit that never returns must not
/// hold its partition's later appends forever (they are started, and fail as "saturated" if they waited too long).
/// </summary>
public sealed class PartitionTraffic(int maxInFlight, TimeSpan overdueAfter)
{
    private readonly Dictionary<string, List<long>> _starts = new(StringComparer.Ordinal);

    public bool IsIdle => _starts.Count == 0;

    public bool CanStart(string partition) =>
        !_starts.TryGetValue(partition, out var starts) || starts.Count(s => !IsOverdue(s)) < maxInFlight;

    /// <returns>The start's timestamp, to pass to <see cref="Finished"/>.</returns>
    public long Started(string partition)
    {
        if (!_starts.TryGetValue(partition, out var starts)) _starts[partition] = starts = [];
        var now = Stopwatch.GetTimestamp();
        starts.Add(now);
        return now;
    }

    public void Finished(string partition, long startedAt)
    {
        var starts = _starts[partition];
        starts.Remove(startedAt);
        if (starts.Count == 0) _starts.Remove(partition);
    }

    /// <summary>How long until a transaction in flight in one of <paramref name="partitions"/> becomes overdue (null: none in flight).</summary>
    public TimeSpan? UntilNextOverdue(IEnumerable<string> partitions)
    {
        TimeSpan? next = null;
        foreach (var partition in partitions)
        {
            if (!_starts.TryGetValue(partition, out var starts)) continue;
            foreach (var start in starts)
            {
                if (IsOverdue(start)) continue;
                var left = overdueAfter - Stopwatch.GetElapsedTime(start);
                if (next is null || left < next) next = left;
            }
        }

        return next;
    }

    private bool IsOverdue(long start) => Stopwatch.GetElapsedTime(start) > overdueAfter;
}
