using Personalization.Abstractions;

namespace Personalization.Journal.Segments;

/// <summary>
/// Reads the stored snapshot's sequence of users whose first append or read this activation has not served yet:
/// their last committed sequence, and how far a snapshot covers their entries (those are released, as a cover from
/// the listener would). A user's appends are planned only once it is verified (<see cref="SegmentIndex.Plan"/>).
/// </summary>
public sealed class ListenerVerifier(PartitionSegments segments, IListenerSnapshots snapshots, JournalOptions options)
{
    /// <summary>Verifies <paramref name="users"/>, 16 at a time, each chunk within <see cref="JournalOptions.CommitTimeout"/>.</summary>
    /// <exception cref="StorageUnavailableException">A snapshot could not be read.</exception>
    public async Task VerifyAsync(IReadOnlyList<string> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (users.Count == 0) return;
        try
        {
            foreach (var chunk in users.Chunk(16))
            {
                var sequences = await Task.WhenAll(chunk.Select(snapshots.SequenceOfAsync)).WaitAsync(options.CommitTimeout);
                for (var i = 0; i < chunk.Length; i++)
                {
                    segments.Index.Verify(chunk[i], sequences[i]);
                    segments.Index.Cover(chunk[i], sequences[i]);
                }
            }
        }
        catch (Exception ex) when (ex is not StorageUnavailableException)
        {
            throw new StorageUnavailableException($"Journal partition {segments.Partition} could not read a listener's snapshot: {ex.Message}", options.RetryAfter, ex);
        }
    }
}
