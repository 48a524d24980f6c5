using Microsoft.Extensions.Logging;

namespace Personalization.Journal.Segments;

/// <summary>
/// Deletes the partition's segments whose entries are all covered by snapshots, one delete at a time in the
/// background. Held back while a forget rewrites segments (<see cref="HoldBack"/>): a rewrite must not bring back a
/// segment deleted under it.
/// </summary>
/// <param name="logger">The writer grain's logger (its category names the log lines).</param>
public sealed partial class SegmentJanitor(PartitionSegments segments, ILogger logger)
{
    private Task _deleting = Task.CompletedTask;
    private bool _holding;
    private bool _running;

    /// <summary>The delete now running, or a completed task (awaited by the status and when the writer stops).</summary>
    public Task Deleting => _deleting;

    /// <summary>Starts deleting what became deletable, unless a delete runs already (it takes that too) or deletes are held back.</summary>
    public void Schedule()
    {
        if (_holding || _running) return;
        var deletable = segments.Index.TakeDeletable();
        if (deletable.Count == 0) return;
        _running = true;
        _deleting = DeleteAsync(deletable);
    }

    /// <summary>No deletes start until <see cref="EndHoldBack"/>; returns the delete still running, to wait for.</summary>
    public Task HoldBack()
    {
        _holding = true;
        return _deleting;
    }

    /// <summary>Deletes may start again (call <see cref="Schedule"/> for what became deletable meanwhile).</summary>
    public void EndHoldBack() => _holding = false;

    /// <summary>Deletes covered segments, then whatever became deletable meanwhile; after a failure, they wait for the next call.</summary>
    private async Task DeleteAsync(IReadOnlyList<long> deletable)
    {
        try
        {
            while (deletable.Count > 0)
            {
                try
                {
                    await segments.Store.DeleteAsync(segments.Partition, [.. deletable.Select(n => (n, segments.Index.PartsOf(n)))]);
                }
                catch (Exception ex)
                {
                    segments.Index.ReturnDeletable(deletable);
                    LogDeleteFailed(ex, segments.Partition, deletable.Count);
                    return;
                }

                foreach (var number in deletable)
                {
                    segments.Index.Deleted(number);
                    segments.Cache.Remove(number);
                }

                segments.Report();

                deletable = _holding ? [] : segments.Index.TakeDeletable();
            }
        }
        finally
        {
            _running = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition}: deleting {Segments} covered segment(s) failed; retrying later.")]
    private partial void LogDeleteFailed(Exception ex, int partition, int segments);
}
