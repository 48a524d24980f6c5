using System.Collections.Concurrent;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// The silo's view of the durable model, for readiness and metrics: when its read model and its re-ranker were
/// restored, when each checkpointing part hosted here (model shards, the re-ranker) last wrote, and what the writes cost.
/// Thread-safe.
/// </summary>
public sealed class ModelCheckpointStatus(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastWritten = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private long _transactions;
    private long _bytes;
    private long _readModelRestoredTicks;
    private long _learningRestoredTicks;
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Transactions => Interlocked.Read(ref _transactions);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>True once both the read model and the re-ranker are restored on this silo.</summary>
    public bool IsRestored => Interlocked.Read(ref _readModelRestoredTicks) != 0 && Interlocked.Read(ref _learningRestoredTicks) != 0;

    /// <summary>Seconds from the silo's start until both were restored (null while not yet).</summary>
    public double? RestoreSeconds =>
        IsRestored ? (new DateTimeOffset(Math.Max(Interlocked.Read(ref _readModelRestoredTicks), Interlocked.Read(ref _learningRestoredTicks)), TimeSpan.Zero) - _started).TotalSeconds : null;

    /// <summary>How long the silo has been starting.</summary>
    public TimeSpan SinceStart => clock.GetUtcNow() - _started;

    /// <summary>Completes once both the read model and the re-ranker are restored.</summary>
    public Task WhenRestored => _restored.Task;

    public void ReadModelRestored()
    {
        Interlocked.CompareExchange(ref _readModelRestoredTicks, clock.GetUtcNow().UtcTicks, 0);
        if (IsRestored) _restored.TrySetResult();
    }

    public void LearningRestored()
    {
        Interlocked.CompareExchange(ref _learningRestoredTicks, clock.GetUtcNow().UtcTicks, 0);
        if (IsRestored) _restored.TrySetResult();
    }

    /// <summary>A part hosted here wrote a checkpoint (or found nothing changed, which counts as current).</summary>
    public void Written(string part, CheckpointWrite cost)
    {
        _lastWritten[part] = clock.GetUtcNow();
        Interlocked.Add(ref _transactions, cost.Transactions);
        Interlocked.Add(ref _bytes, cost.Bytes);
    }

    /// <summary>A part hosted here started (its first checkpoint is due one interval later) or moved away.</summary>
    public void Hosted(string part) => _lastWritten.TryAdd(part, clock.GetUtcNow());

    public void Left(string part) => _lastWritten.TryRemove(part, out _);

    /// <summary>Age of the stalest checkpoint of the parts hosted here (0 when none is hosted).</summary>
    public double OldestAgeSeconds()
    {
        var now = clock.GetUtcNow();
        var oldest = 0.0;
        foreach (var at in _lastWritten.Values) oldest = Math.Max(oldest, (now - at).TotalSeconds);
        return oldest;
    }
}
