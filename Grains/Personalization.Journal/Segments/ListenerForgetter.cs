namespace Personalization.Journal.Segments;

/// <summary>
/// Removes a user's entries from the partition (the user is deleted): every stored segment that holds them is
/// rewritten without them. Runs under the writer's lock (appends wait meanwhile) and holds deletes back.
/// </summary>
public sealed class ListenerForgetter(PartitionSegments segments, SegmentJanitor janitor, JournalOptions options)
{
    /// <summary>Rewrites the user's segments without its entries and forgets the user; bounded by three commit timeouts.</summary>
    /// <exception cref="Personalization.Abstractions.StorageUnavailableException">Storage failed or the rewrite took too long.</exception>
    public async Task ForgetAsync(string userId)
    {
        await segments.Writes.WaitAsync();
        var deleting = janitor.HoldBack(); // no deletes meanwhile: a rewrite must not bring back a segment deleted under it
        try
        {
            await deleting;

            // Covered entries are not indexed: read every segment and rewrite those that hold the user (same part count,
            // so the index's part counts stay right). Bounded: the writer's appends wait meanwhile.
            using var timeout = new CancellationTokenSource(options.CommitTimeout * 3);
            await foreach (var segment in segments.Store.ScanAsync(segments.Partition, timeout.Token))
            {
                var entries = segment.Entries.ToList();
                var kept = entries.Where(e => !string.Equals(e.UserId, userId, StringComparison.Ordinal)).ToList();
                if (kept.Count == entries.Count) continue;
                var parts = SegmentFormat.Encode(kept).ToList();
                while (parts.Count < segment.Parts.Count) parts.Add(SegmentFormat.Encode([])[0]);
                await segments.Store.RewriteAsync(segments.Partition, segment.Number, segment.Parts.Count, parts);
                segments.Cache.Remove(segment.Number);
            }

            segments.Index.Forget(userId);
            segments.Report();
        }
        catch (Exception ex) when (StorageErrors.IsTransient(ex))
        {
            throw StorageErrors.Translate(ex, "forget", options.RetryAfter); // a timeout (cancellation) is transient too
        }
        finally
        {
            janitor.EndHoldBack();
            segments.Writes.Release();
            janitor.Schedule();
        }
    }
}
