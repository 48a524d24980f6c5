using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
namespace Personalization.Journal.Segments;

/// <summary>
/// The single writer of one journal partition (README.md, "Segment layout"). Appends queue up while a segment
/// is being stored and form the next one (group commit at the partition, a <see cref="GroupCommitQueue{TItem, TResult}"/>
/// whose loop runs on this grain's scheduler); <see cref="SegmentCommitter"/> stores each batch, checking every append
/// against the user's last committed sequence, fencing a duplicate of this grain by the segment numbers, and settling
/// a failed insert's number before anything else (<see cref="SegmentSettler"/>). Reentrant: tails are served while a
/// segment commits. This grain is the Orleans shell: it loads the partition, validates calls and hands them to its
/// pieces, which share one <see cref="PartitionSegments"/> (one segment insert, settle or rewrite at a time).
/// </summary>
[Reentrant, KeepAlive, RandomPlacement]
public sealed partial class JournalPartitionGrain : Grain, IJournalPartitionGrain, IDisposable
{
    private readonly JournalOptions _options;
    private readonly LocalJournalWriters _local;
    private readonly ILogger<JournalPartitionGrain> _logger;
    private readonly PartitionSegments _segments;
    private readonly SegmentSettler _settler;
    private readonly ListenerVerifier _verifier;
    private readonly SegmentJanitor _janitor;
    private readonly ListenerSweep _sweep;
    private readonly ListenerForgetter _forgetter;
    private readonly GroupCommitQueue<JournalAppendRecord[], JournalAppendOutcome[]> _appends;

    public JournalPartitionGrain(
        ISegmentStore table,
        IOptions<JournalOptions> options,
        JournalCounters counters,
        LocalJournalWriters local,
        IListenerSnapshots snapshots,
        ILogger<JournalPartitionGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _local = local;
        _logger = logger;
        var partition = (int)this.GetPrimaryKeyLong();
        _segments = new PartitionSegments(partition, table, _options.SegmentCacheChars, (uncovered, segments) => local.Report(partition, uncovered, segments));
        _settler = new SegmentSettler(_segments);
        _verifier = new ListenerVerifier(_segments, snapshots, _options);
        _janitor = new SegmentJanitor(_segments, logger);
        _sweep = new ListenerSweep(_segments, _options, user => GrainFactory.GetGrain<IListenerCheckpointGrain>(user), logger);
        _forgetter = new ListenerForgetter(_segments, _janitor, _options);
        var committer = new SegmentCommitter(_segments, _settler, _verifier, _janitor, counters, _options, logger);
        // One call's appends are one item (never split over segments); the loop stays on this grain's scheduler.
        _appends = new(committer.CommitAsync, SegmentCommitter.CharsOf, JournalOptions.SegmentBudgetChars, TimeSpan.Zero, offScheduler: false, committer.Failure);
    }

    private int Partition => _segments.Partition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A silo that shuts down hosts no writer: the caller repeats the call, and it is placed elsewhere.
        if (_local.Stopping) throw new JournalWriterMovingException($"Journal partition {Partition} does not start on a silo that shuts down.");
        int segments;
        try
        {
            segments = await _segments.LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageErrors.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw StorageErrors.Translate(ex, "load partition", _options.RetryAfter);
        }

        _local.Started(Partition);
        _segments.Report();
        LogLoaded(Partition, segments, _segments.Index.LiveEntries, _segments.Index.Highest);
        _janitor.Schedule();
        if (_options.SweepInterval != Timeout.InfiniteTimeSpan)
        {
            this.RegisterGrainTimer(token => _sweep.SweepAsync(token), new GrainTimerCreationOptions(_options.SweepInterval, _options.SweepInterval) { Interleave = true });
        }
    }

    /// <summary>
    /// Lets a segment being stored finish (bounded): its callers then get their answer. Whatever is still queued fails
    /// or times out for its callers, who send it again to the next activation (a repeated append counts once).
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_appends.Running, _janitor.Deleting).WaitAsync(_options.CommitTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogDeactivatedBusy(Partition, reason.Description);
        }
        finally
        {
            _local.Stopped(Partition);
        }
    }

    Task IJournalPartitionGrain.StepDownAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public void Dispose() => _segments.Dispose();

    Task<JournalAppendOutcome[]> IJournalPartitionGrain.AppendAsync(JournalAppendRecord[] appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        foreach (var append in appends)
        {
            JournalKeys.ValidateUserId(append.UserId);
            if (append.FirstSequence < 1 || append.Events is not { Length: > 0 }) throw new ArgumentException("An append needs at least one entry from sequence 1 on.", nameof(appends));
        }

        return _appends.EnqueueAsync(appends);
    }

    async Task<JournalTailRecord> IJournalPartitionGrain.ReadTailAsync(string userId, long afterSequence)
    {
        JournalKeys.ValidateUserId(userId);
        if (_settler.Pending) await _settler.SettleAsync(); // a read must see whatever a failed insert may have stored
        // A writer that has not verified the user yet (e.g. it started after the user's last cover) reads the stored
        // snapshot first, so a reader holding an older snapshot learns that its entries are gone (CoveredThrough).
        if (!_segments.Index.IsVerified(userId))
        {
            await _verifier.VerifyAsync([userId]);
            _janitor.Schedule();
        }

        var found = await _segments.TailAsync(userId, afterSequence);
        return new JournalTailRecord([.. found.Keys], [.. found.Values], _segments.Index.CoveredOf(userId));
    }

    Task IJournalPartitionGrain.CoverAsync(string userId, long throughSequence)
    {
        JournalKeys.ValidateUserId(userId);
        _segments.Index.Cover(userId, throughSequence);
        _janitor.Schedule();
        _segments.Report();
        return Task.CompletedTask;
    }

    Task IJournalPartitionGrain.ForgetAsync(string userId)
    {
        JournalKeys.ValidateUserId(userId);
        return _forgetter.ForgetAsync(userId);
    }

    Task<int> IJournalPartitionGrain.SweepAsync() => _sweep.SweepAsync(CancellationToken.None);

    async Task<JournalPartitionStatus> IJournalPartitionGrain.GetStatusAsync()
    {
        await _janitor.Deleting;
        _janitor.Schedule(); // what became deletable while a forget held them back
        await _janitor.Deleting;
        var index = _segments.Index;
        return new JournalPartitionStatus(index.Highest, index.SegmentCount, index.LiveEntries, index.UserCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition} loaded {Segments} segment(s), {Live} uncovered entries; next segment {Highest} + 1.")]
    private partial void LogLoaded(int partition, int segments, long live, long highest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition} deactivated ({Reason}) with a segment still being stored; its callers repeat it.")]
    private partial void LogDeactivatedBusy(int partition, string reason);
}
