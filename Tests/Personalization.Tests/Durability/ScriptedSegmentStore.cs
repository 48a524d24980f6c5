using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

/// <summary>
/// A <see cref="MemorySegmentStore"/> a test can script: run something before an insert (another writer storing first),
/// fail an insert (after it landed, or not), hold rewrites or fail deletes. Counts inserts.
/// </summary>
public sealed class ScriptedSegmentStore : ISegmentStore
{
    public MemorySegmentStore Stored { get; } = new();

    public int Inserts { get; private set; }

    /// <summary>Runs before an insert (partition, number).</summary>
    public Func<int, long, Task>? BeforeInsert { get; set; }

    /// <summary>An insert's failure (null: none); with <see cref="FailedInsertLands"/> the segment is stored first.</summary>
    public Func<long, Exception?> InsertFailure { get; set; } = _ => null;

    public bool FailedInsertLands { get; set; }

    /// <summary>A read returns nothing (as if the segment vanished).</summary>
    public bool ReadsNothing { get; set; }

    /// <summary>Rewrites wait for this gate.</summary>
    public Task RewriteGate { get; set; } = Task.CompletedTask;

    public TaskCompletionSource RewriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? DeleteFailure { get; set; }

    public async Task InsertAsync(int partition, long segment, IReadOnlyList<string> parts)
    {
        Inserts++;
        if (BeforeInsert is { } before) await before(partition, segment);
        if (InsertFailure(segment) is { } failure)
        {
            if (FailedInsertLands) await Stored.InsertAsync(partition, segment, parts);
            throw failure;
        }

        await Stored.InsertAsync(partition, segment, parts);
    }

    public Task<StoredSegment?> ReadAsync(int partition, long segment) => ReadsNothing ? Task.FromResult<StoredSegment?>(null) : Stored.ReadAsync(partition, segment);

    public IAsyncEnumerable<StoredSegment> ScanAsync(int partition, CancellationToken cancellationToken = default) => Stored.ScanAsync(partition, cancellationToken);

    public Task DeleteAsync(int partition, IReadOnlyList<(long Segment, int Parts)> segments) =>
        DeleteFailure is { } failure ? Task.FromException(failure) : Stored.DeleteAsync(partition, segments);

    public async Task RewriteAsync(int partition, long segment, int oldParts, IReadOnlyList<string> parts)
    {
        RewriteStarted.TrySetResult();
        await RewriteGate;
        await Stored.RewriteAsync(partition, segment, oldParts, parts);
    }

    public async Task<IReadOnlyList<StoredSegment>> SegmentsAsync(int partition)
    {
        var segments = new List<StoredSegment>();
        await foreach (var segment in Stored.ScanAsync(partition)) segments.Add(segment);
        return segments;
    }
}
