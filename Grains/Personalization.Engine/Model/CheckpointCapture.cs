namespace Personalization.Engine.Model;

/// <summary>
/// What a checkpoint writes: the items, and the buckets they cover (marked changed again with
/// <see cref="LearnerCheckpoint.Unwritten"/> when the write fails, so nothing is skipped).
/// </summary>
public sealed record CheckpointCapture(IReadOnlyList<CheckpointItem> Items, IReadOnlyList<int> Buckets, IReadOnlyList<string> Deletes)
{
    public bool IsEmpty => Items.Count == 0 && Deletes.Count == 0;
}
