using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Journal;

namespace Personalization.Journal.Segments;

/// <summary>
/// The partition writers active on this silo, and their hand-over when the silo shuts down. As the first step of the
/// silo's shutdown (the <c>Active</c> lifecycle stage stops before grains are deactivated and before the silo stops
/// exchanging application messages), every local writer steps down and new ones refuse to start here
/// (<see cref="JournalWriterMovingException"/>), so the next call places the writer on another silo while messages
/// still flow both ways. Without it a stopping silo's writers stayed registered while the silo no longer answered,
/// and appends of the whole partition stalled until it was gone.
/// </summary>
public sealed partial class LocalJournalWriters(IGrainFactory grains, IOptions<JournalOptions> options, ILogger<LocalJournalWriters> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ConcurrentDictionary<int, byte> _active = new();
    private readonly ConcurrentDictionary<int, (long Uncovered, int Segments)> _status = new();
    private volatile TaskCompletionSource? _allGone;

    /// <summary>Set once the silo begins to shut down: no writer may start here any more.</summary>
    public bool Stopping { get; private set; }

    public void Started(int partition) => _active[partition] = 0;

    /// <summary>What a local writer holds now (exported as metrics).</summary>
    public void Report(int partition, long uncovered, int segments) => _status[partition] = (uncovered, segments);

    /// <summary>The last report of every writer active on this silo.</summary>
    public IEnumerable<(int Partition, long Uncovered, int Segments)> Statuses => _status.Select(s => (s.Key, s.Value.Uncovered, s.Value.Segments));

    public void Stopped(int partition)
    {
        _status.TryRemove(partition, out _);
        _active.TryRemove(partition, out _);
        if (_active.IsEmpty) _allGone?.TrySetResult();
    }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LocalJournalWriters), ServiceLifecycleStage.Active, _ => Task.CompletedTask, StepDownAllAsync);

    private async Task StepDownAllAsync(CancellationToken cancellationToken)
    {
        Stopping = true;
        _allGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var partitions = _active.Keys.ToList();
        if (partitions.Count == 0) return;
        try
        {
            await Task.WhenAll(partitions.Select(p => grains.GetGrain<IJournalPartitionGrain>(p).StepDownAsync()));
            if (!_active.IsEmpty) await _allGone.Task.WaitAsync(options.Value.CommitTimeout * 2, cancellationToken);
            LogSteppedDown(partitions.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStepDownIncomplete(ex, _active.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: {Writers} journal partition writer(s) stepped down to move to other silos.")]
    private partial void LogSteppedDown(int writers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: {Writers} journal partition writer(s) had not stepped down in time; their callers repeat what they lose.")]
    private partial void LogStepDownIncomplete(Exception ex, int writers);
}
