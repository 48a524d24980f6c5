namespace Personalization.Journal.Segments;

/// <summary>
/// A failed insert may still have landed (or land later): its number stays unsettled until the writer settles it,
/// before it stores or reads anything else, by writing an empty segment there (then the failed one can never land)
/// or by absorbing what landed.
/// </summary>
public sealed class SegmentSettler(PartitionSegments segments)
{
    private long? _unsettled;

    /// <summary>Whether a failed insert's number waits to be settled.</summary>
    public bool Pending => _unsettled is not null;

    /// <summary>The insert of segment <paramref name="number"/> failed: it may have landed, settle it before the next insert or read.</summary>
    public void Failed(long number) => _unsettled = number;

    /// <summary>Settles under the writer's lock (for a read; a commit holds the lock already).</summary>
    public async Task SettleAsync()
    {
        await segments.Writes.WaitAsync();
        try
        {
            await SettleLockedAsync();
        }
        finally
        {
            segments.Writes.Release();
        }
    }

    /// <summary>
    /// After a failed insert of segment n: n is settled by inserting an empty segment there (then the failed one can
    /// never land) or, if n exists, by absorbing what landed. The caller holds <see cref="PartitionSegments.Writes"/>.
    /// </summary>
    public async Task SettleLockedAsync()
    {
        if (_unsettled is not { } number) return;
        if (!segments.Index.Knows(number))
        {
            var empty = SegmentFormat.Encode([]);
            try
            {
                await segments.Store.InsertAsync(segments.Partition, number, empty);
                segments.Index.Absorb(number, empty.Count, []);
            }
            catch (SegmentTakenException)
            {
                if (await segments.Store.ReadAsync(segments.Partition, number) is { } stored) segments.Absorb(stored);
            }
        }

        _unsettled = null;
    }
}
