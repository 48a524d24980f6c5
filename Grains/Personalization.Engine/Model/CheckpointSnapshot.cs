namespace Personalization.Engine.Model;

/// <summary>
/// What one checkpoint takes from the learner in its turn (<see cref="LearnerCheckpoint.Snapshot"/>): the changed
/// buckets' contents, the header's figures and the stale items to delete. <see cref="Encode"/> turns it into the
/// items to write and may run on any thread, so a large checkpoint does not hold up the learner's callers.
/// </summary>
public sealed class CheckpointSnapshot
{
    private readonly Vocabulary _vocabulary;
    private readonly IReadOnlyList<BucketSnapshot> _buckets;
    private readonly CheckpointHeader? _header;

    internal CheckpointSnapshot(Vocabulary vocabulary, IReadOnlyList<BucketSnapshot> buckets, CheckpointHeader? header, IReadOnlyList<string> deletes)
    {
        _vocabulary = vocabulary;
        _buckets = buckets;
        _header = header;
        Deletes = deletes;
        Buckets = [.. buckets.Select(b => b.Bucket)];
    }

    /// <summary>The buckets it covers (handed back with <see cref="LearnerCheckpoint.Unwritten"/> when the write fails).</summary>
    public IReadOnlyList<int> Buckets { get; }

    public IReadOnlyList<string> Deletes { get; }

    /// <summary>Nothing to write and nothing to delete.</summary>
    public bool IsEmpty => _header is null && Deletes.Count == 0;

    public CheckpointCapture Encode()
    {
        if (_header is null) return new CheckpointCapture([], [], Deletes);
        var items = new List<CheckpointItem>(_buckets.Count + 1);
        foreach (var b in _buckets) items.Add(new CheckpointItem(LearnerCheckpoint.BucketKey(b.Bucket), b.Encode(_vocabulary, LearnerCheckpoint.FormatVersion)));
        items.Add(new CheckpointItem(LearnerCheckpoint.HeaderKey, LearnerCheckpoint.EncodeHeader(_header)));
        return new CheckpointCapture(items, Buckets, Deletes);
    }
}
