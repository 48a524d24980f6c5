using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Grains.Model.Checkpoints;

namespace Personalization.Grains.Model;

/// <summary>
/// The silo's half of the cluster-wide model. Push: user grains hand observations to a bounded in-process queue; one
/// loop batches them (≤ FlushInterval) and sends each model shard its part in one call — never a grain call per event.
/// Pull: every RefreshInterval the silo asks each shard for what changed since its last version and merges the partial
/// lists into its read-only <see cref="LiveModel"/>, which recommendations read without any grain call.
/// </summary>
public sealed partial class ModelPipeline : IModelPipeline, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>
    /// Where the silo's last hand-over runs when it stops: as late as application services stop, after every grain of
    /// the silo was deactivated (<see cref="ServiceLifecycleStage.GrainDeactivation"/>; a call still completing then may
    /// publish after that) and before messaging stops.
    /// </summary>
    public const int StopStage = ServiceLifecycleStage.ApplicationServices;

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _refreshStopping = new();
    private Task? _loops;
    private readonly Channel<Item> _queue;
    private readonly IGrainFactory _grains;
    private readonly Vocabulary _vocabulary;
    private readonly LiveModel _model;
    private readonly ShardMerger _merger;
    private readonly ModelPipelineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ModelPipeline> _logger;
    private readonly HandOverRelay _relay;
    private readonly long[] _versions;
    private readonly long[] _epochs;
    private readonly bool[] _hasTail;
    private int _tailShards;

    /// <summary>This feed's sender id (random, never 0) and the number of the last batch sent to each shard.</summary>
    private readonly ulong _sender = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    private readonly long[] _sequences;

    /// <summary>Cancelled when this silo starts to stop: a shard it cannot reach then gets its batches through another silo (<see cref="_relayed"/>).</summary>
    private readonly CancellationTokenSource _stopStarted = new();

    /// <summary>Shards whose batches go through <see cref="HandOverRelay"/> since one was refused during the stop (then all later ones do, in order).</summary>
    private readonly bool[] _relayed;
    private readonly ModelCheckpointStatus _status;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private long _published;
    private long _applied;
    private long _dropped;
    private long _lastRefreshedTicks;

    public ModelPipeline(
        IGrainFactory grains, Vocabulary vocabulary, LiveModel model, IOptions<ModelPipelineOptions> options,
        IOptions<EngineOptions> engine, TimeProvider clock, ModelCheckpointStatus status, HandOverRelay relay, ILogger<ModelPipeline> logger)
    {
        _relay = relay;
        _status = status;
        _grains = grains;
        _vocabulary = vocabulary;
        _model = model;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _versions = new long[_options.Shards];
        _epochs = new long[_options.Shards];
        _hasTail = new bool[_options.Shards];
        _sequences = new long[_options.Shards];
        _relayed = new bool[_options.Shards];
        _merger = new ShardMerger(_options.Shards, Math.Max(engine.Value.MaxSuccessorsPerTrack, engine.Value.MaxTopTracksPerArtist), engine.Value.TrendingSize);
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public long Published => Interlocked.Read(ref _published);

    public long Applied => Interlocked.Read(ref _applied);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long MergerEstimatedBytes => _merger.EstimatedBytes;

    /// <summary>Pulled lists that came as this silo's ids (from shards of this silo), and as names (from the others).</summary>
    public (long Numbered, long Named) ListsPulled => (Interlocked.Read(ref _listsNumbered), Interlocked.Read(ref _listsNamed));

    private long _listsNumbered;
    private long _listsNamed;

    public int ShardOf(string track) => ModelShards.Of(track, _options.Shards);

    public bool HasTail(int shard) => Volatile.Read(ref _hasTail[shard]);

    public bool AnyTail => Volatile.Read(ref _tailShards) > 0;

    public DateTimeOffset? LastRefreshed
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastRefreshedTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Queues what a step teaches, with its names resolved now: a listener's leased ids are valid only while it holds
    /// them, and the batch is sent later.
    /// </summary>
    public void Publish(ModelObservation observation)
    {
        if (_queue.Writer.TryWrite(new Item(ToRecord(observation), null))) Interlocked.Increment(ref _published);
        else Interlocked.Increment(ref _dropped);
    }

    private ObservationRecord ToRecord(ModelObservation o)
    {
        var predecessors = new string[o.Predecessors.Length];
        for (var i = 0; i < predecessors.Length; i++) predecessors[i] = o.Predecessors[i] < 0 ? "" : _vocabulary.NameOf(o.Predecessors[i]);
        return new ObservationRecord(_vocabulary.NameOf(o.Track), _vocabulary.NameOf(o.Artist), o.TimeMs, o.Weight, predecessors, o.Listener, !o.CountsPlay);
    }

    public async Task PushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Item(null, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    public async Task AdmitAsync(IReadOnlyList<CatalogTrack> tracks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var perShard = tracks.GroupBy(t => ShardOf(t.TrackId));
        await Task.WhenAll(perShard.Select(g => ClusterRetry.RunAsync(
            () => _grains.GetGrain<IModelShardGrain>(g.Key).AdmitAsync([.. g]), cancellationToken)));
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await PushAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            // Shards of this silo read the same vocabulary: they answer with numbers. (Set in this async method, it
            // flows into its calls and not back to the caller.)
            RequestContext.Set(ModelPullContext.VocabularyKey, _vocabulary.Token);
            if (LastRefreshed is null)
            {
                // The first pull activates every shard, and each restores its checkpoint: let them do it side by side.
                await Task.WhenAll(Enumerable.Range(0, _versions.Length).Select(
                    shard => _grains.GetGrain<IModelShardGrain>(shard).GetChangesAsync(long.MaxValue, 1))).WaitAsync(cancellationToken);
            }

            for (var shard = 0; shard < _versions.Length; shard++)
            {
                ModelChanges changes;
                do
                {
                    changes = await _grains.GetGrain<IModelShardGrain>(shard).GetChangesAsync(_versions[shard], _options.MaxKeysPerPull).WaitAsync(cancellationToken);
                    if (changes.Epoch != _epochs[shard] && _versions[shard] != 0)
                    {
                        // Another activation of the shard (restored from its checkpoint): our version means nothing to it.
                        _epochs[shard] = changes.Epoch;
                        _versions[shard] = 0;
                        changes = changes with { HasMore = true };
                        continue;
                    }

                    _epochs[shard] = changes.Epoch;
                    SetHasTail(shard, changes.HasTail);
                    Merge(shard, changes);
                    _versions[shard] = changes.Version;
                }
                while (changes.HasMore);
            }

            Interlocked.Exchange(ref _lastRefreshedTicks, _clock.GetUtcNow().UtcTicks);
            _status.ReadModelRestored();
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Only the refresh (one at a time) writes these: the count of shards with a tail follows their flags.</summary>
    private void SetHasTail(int shard, bool hasTail)
    {
        if (_hasTail[shard] == hasTail) return;
        Volatile.Write(ref _hasTail[shard], hasTail);
        Interlocked.Add(ref _tailShards, hasTail ? 1 : -1);
    }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(ModelPipeline), ServiceLifecycleStage.Active, StartLoops, BeforeDeactivationAsync);
        lifecycle.Subscribe(nameof(ModelPipeline) + ".HandOver", StopStage, _ => Task.CompletedTask, StopAsync);
    }

    private Task StartLoops(CancellationToken cancellationToken)
    {
        _loops = Task.WhenAll(PushLoopAsync(_stopping.Token), RefreshLoopAsync(_refreshStopping.Token));
        return Task.CompletedTask;
    }

    private async Task RefreshLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRefreshFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task PushLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ObservationRecord>(_options.MaxBatchSize);
        var markers = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await CollectAsync(reader, batch, markers, stoppingToken);
                await SendAsync(batch, stoppingToken);
                foreach (var m in markers) m.TrySetResult();
                markers.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down; what is still queued is lost to the model only (events themselves are stored)
        }
    }

    private async Task CollectAsync(ChannelReader<Item> reader, List<ObservationRecord> batch, List<TaskCompletionSource> markers, CancellationToken stoppingToken)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        linger.CancelAfter(_options.FlushInterval);
        try
        {
            while (batch.Count < _options.MaxBatchSize && markers.Count == 0)
            {
                if (reader.TryRead(out var item))
                {
                    if (item.Observation is not null) batch.Add(item.Observation);
                    if (item.Marker is not null) markers.Add(item.Marker);
                }
                else if (!await reader.WaitToReadAsync(linger.Token))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the linger expired: send what we have
        }
    }

    private async Task SendAsync(List<ObservationRecord> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 0) return;
        var perShard = new Dictionary<int, List<ObservationRecord>>();
        foreach (var o in batch)
        {
            var shard = ShardOf(o.TrackId);
            if (!perShard.TryGetValue(shard, out var list)) perShard[shard] = list = [];
            list.Add(o);
        }

        var sends = perShard.Select(async p =>
        {
            try
            {
                // One batch per shard at a time, numbered: a call refused, broken by a silo that stopped, or timed out is
                // sent again with its number, and a shard that had applied it skips it (ObservationBatch).
                var batch = new ObservationBatch(_sender, ++_sequences[p.Key], [.. p.Value]);
                await DeliverAsync(p.Key, batch, stoppingToken);
                Interlocked.Add(ref _applied, p.Value.Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                Interlocked.Add(ref _dropped, p.Value.Count);
                LogPushCancelled(p.Value.Count, p.Key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Add(ref _dropped, p.Value.Count);
                LogPushFailed(ex, p.Value.Count, p.Key);
            }
        });
        await Task.WhenAll(sends);
        batch.Clear();
    }

    /// <summary>
    /// Delivers one numbered batch. While the silo runs, a refused call is retried for
    /// <see cref="ModelPipelineOptions.DeliveryPatience"/> (a stopping silo's shards are refused until it has left). Once
    /// this silo stops, waiting is no use for a shard the directory still places on it (until it has left), so a refused
    /// batch, and every later one to that shard, goes through a silo that stays (<see cref="HandOverRelay"/>).
    /// </summary>
    private async Task DeliverAsync(int shard, ObservationBatch batch, CancellationToken stoppingToken)
    {
        var target = _grains.GetGrain<IModelShardGrain>(shard);
        if (!_stopStarted.IsCancellationRequested)
        {
            try
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopStarted.Token);
                await ClusterRetry.RunPatientlyAsync(() => target.LearnAsync(batch), _options.DeliveryPatience, _clock, patience.Token);
                return;
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the silo started to stop while this batch waited: it is delivered as a stopping silo delivers
            }
        }

        if (!_relayed[shard])
        {
            try
            {
                await ClusterRetry.RunAsync(() => target.LearnAsync(batch), stoppingToken);
                return;
            }
            catch (Exception ex) when (ClusterRetry.IsMembershipChurn(ex))
            {
                _relayed[shard] = true;
                LogRelaying(ex, shard);
            }
        }

        await _relay.SendAsync(shard, batch, stoppingToken);
    }

    /// <summary>One shard's changes, in this silo's ids, merged with the other shards' partial lists into the read model.</summary>
    private void Merge(int shard, ModelChanges changes)
    {
        var delta = new ModelDelta();
        for (var i = 0; i + 1 < changes.TrackArtistPairs.Length; i += 2)
        {
            if (changes.TrackArtistPairs[i + 1].Length == 0)
            {
                // Evicted by its shard: forget it (without interning a name this silo may never have had).
                if (_vocabulary.TryGetId(changes.TrackArtistPairs[i], out var gone)) delta.RemovedTracks.Add(gone);
                continue;
            }

            delta.TrackArtists.Add((_vocabulary.Intern(changes.TrackArtistPairs[i]), _vocabulary.Intern(changes.TrackArtistPairs[i + 1])));
        }

        foreach (var list in changes.Successors)
        {
            // Only the source's own shard holds its successors (a list from another shard is a partial one from a
            // checkpoint of the earlier routing: ignored). An empty list is a source evicted or in the tail: forgotten,
            // without interning a name this silo may never have had.
            if (ShardOf(list.Key) != shard) continue;
            if (list.Count > 0) delta.Successors.Add((_vocabulary.Intern(list.Key), ToScored(list)));
            else if (_vocabulary.TryGetId(list.Key, out var source)) delta.Successors.Add((source, []));
        }

        foreach (var list in changes.ArtistTops) delta.ArtistTops.Add((_vocabulary.Intern(list.Key), ToScored(list)));
        if (changes.Trending is { } trending) delta.Trending = ToScored(trending);
        if (changes.Popular is { } popular) delta.Popular = ToScored(popular);
        var merged = _merger.Merge(shard, delta);
        if (!merged.IsEmpty) _model.Apply(merged);
    }

    /// <summary>
    /// A pulled list in this silo's ids: the shard's own numbers when it shares this vocabulary (they name admitted
    /// entries, which are never reclaimed), else each name interned.
    /// </summary>
    private ScoredId[] ToScored(KeyedList list)
    {
        var result = new ScoredId[list.Count];
        if (list.LocalIds is { } numbers)
        {
            Interlocked.Increment(ref _listsNumbered);
            for (var i = 0; i < result.Length; i++) result[i] = new ScoredId(numbers[i], list.Weights[i]);
            return result;
        }

        Interlocked.Increment(ref _listsNamed);
        for (var i = 0; i < result.Length; i++) result[i] = new ScoredId(_vocabulary.Intern(list.Ids[i]), list.Weights[i]);
        return result;
    }

    /// <summary>
    /// The first step of a graceful stop, before the silo deactivates its grains: the read model stops refreshing (it
    /// serves what it holds until the silo is gone), and what is queued goes to the shards while they are still active
    /// here, so they checkpoint it as they deactivate — also when this is the cluster's last silo.
    /// </summary>
    private async Task BeforeDeactivationAsync(CancellationToken cancellationToken)
    {
        if (_loops is null) return;
        await _stopStarted.CancelAsync();
        await _refreshStopping.CancelAsync();
        await HandOverQueueAsync(untilEmpty: false, cancellationToken); // what is left, the hand-over after the deactivation tries again
    }

    /// <summary>
    /// After the silo deactivated its grains, a graceful stop hands what calls completing meanwhile published to the
    /// shards, now on the other silos (bounded by <see cref="ModelPipelineOptions.StopFlushTimeout"/> and
    /// <paramref name="cancellationToken"/>), so a rolling restart or a scale-in loses no observation; then the loops
    /// stop. With no other silo active there is no shard to take them: they are dropped, and counted in the log.
    /// </summary>
    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loops is null) return;
        if (_relay.OtherActiveSilo() is null)
        {
            if (_queue.Reader.Count > 0) LogNoSiloForHandOver(_queue.Reader.Count);
            await _stopping.CancelAsync();
            await _loops;
            return;
        }

        // Until nothing is left: a call that completed while the silo deactivated its grains may have published after the
        // first hand-over started.
        await HandOverQueueAsync(untilEmpty: true, cancellationToken);
        await _stopping.CancelAsync();
        await _loops;
    }

    /// <summary>Pushes the queue to the shards within <see cref="ModelPipelineOptions.StopFlushTimeout"/> (once, or until it is empty); a failure is logged with what is left.</summary>
    private async Task HandOverQueueAsync(bool untilEmpty, CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.StopFlushTimeout);
            do await PushAsync(deadline.Token);
            while (untilEmpty && _queue.Reader.Count > 0);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            LogStopFlushFailed(ex, _queue.Reader.Count);
        }
    }

    public void Dispose()
    {
        _refreshGate.Dispose();
        _stopStarted.Dispose();
        _stopping.Dispose();
        _refreshStopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No other silo is active to take the model's last {Count} queued observations (this was the cluster's last silo); they are not learned.")]
    private partial void LogNoSiloForHandOver(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshing the read model from the shards failed; retrying on the next tick.")]
    private partial void LogRefreshFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing the queued observations to the model shards while stopping did not complete; {Count} are dropped from the model.")]
    private partial void LogStopFlushFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} observations to model shard {Shard} was still under way when the feed stopped; they are dropped from the model.")]
    private partial void LogPushCancelled(int count, int shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model shard {Shard} refuses this stopping silo's calls; its batches go through a silo that stays.")]
    private partial void LogRelaying(Exception ex, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} observations to model shard {Shard} failed; they are dropped from the model.")]
    private partial void LogPushFailed(Exception ex, int count, int shard);

    private readonly record struct Item(ObservationRecord? Observation, TaskCompletionSource? Marker);
}
