using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Grains.Model.Checkpoints;
using Personalization.Grains.Model.Placement;

namespace Personalization.Grains.Model;

/// <summary>
/// One partition of the cluster-wide model: learns the observations routed to it (by observed track), forwards the
/// transitions whose source track another shard owns to that shard (<see cref="TransitionForwarding"/>), and serves the
/// lists it republished since a reader's version: its head's successor lists and every other list, and the tail's
/// successor lists on demand (<see cref="ModelHead"/>). Durable: once activated it restores its learner from the last
/// checkpoint (and serves everything it restored as one change under a new epoch, so readers pull it again), it
/// checkpoints the buckets that changed every <see cref="ModelCheckpointOptions.Interval"/> without blocking its calls
/// on storage, and it writes a last checkpoint when it is deactivated (a graceful stop or a move loses nothing).
/// </summary>
[KeepAlive]
public sealed partial class ModelShardGrain(
    Vocabulary vocabulary,
    IOptions<EngineOptions> options,
    IOptions<ModelCheckpointOptions> checkpointOptions,
    IOptions<ModelPipelineOptions> pipelineOptions,
    IModelCheckpointStore store,
    ModelCheckpointStatus status,
    ModelAdmissionStatus admission,
    ModelMemoryStatus memory,
    TimeProvider clock,
    LocalModelShards local,
    CheckpointEncoder encoder,
    ShardRebalancer rebalancer,
    ILogger<ModelShardGrain> logger) : Grain, IModelShardGrain
{
    private readonly ModelLearner _learner = new(options.Value);
    private readonly DeliveryLedger _ledger = new();
    private ModelChangeLog _log = null!;
    private long _estimatedBytes;
    private long _estimatedAt;
    private readonly ModelAdmission _admission = new(options.Value.AdmissionListeners, options.Value.MaxPendingAdmissions);
    private readonly ModelAdmission _pairAdmission = new(options.Value.TransitionAdmissionListeners, options.Value.MaxPendingAdmissions);
    private readonly ModelAdmission _unknownSourceAdmission = new(options.Value.AdmissionListeners, options.Value.MaxPendingAdmissions);
    private LearnerCheckpoint _checkpoint = null!;
    private long _epoch;
    private Task<CheckpointWrite>? _writing;
    private ModelHead _head = null!;
    private bool _closing;
    private TransitionForwarding _forwarding = null!;
    private CheckpointSnapshot? _inFlight;

    /// <summary>Set once the checkpoint is restored: only then may this activation write one (never an empty state over a stored one).</summary>
    private bool _restored;

    /// <summary>The restore of the checkpoint; every call waits for it.</summary>
    private Task _restoring = Task.CompletedTask;

    private string Scope => "shard-" + this.GetPrimaryKeyLong();

    private string Part => "model-" + Scope;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (local.Stopping) throw new ModelShardMovingException($"Model {Scope} does not start on a silo that shuts down.");
        _checkpoint = new LearnerCheckpoint(_learner, vocabulary, checkpointOptions.Value.Buckets, _ledger);
        _log = new ModelChangeLog((kind, key) => kind == ChangeKind.ArtistTop ? _learner.HoldsArtist(key) : _learner.HoldsTrack(key));
        _epoch = Random.Shared.NextInt64(1, long.MaxValue);
        var shards = pipelineOptions.Value.Shards;
        _head = new ModelHead(Math.Max(1, (int)Math.Ceiling((double)pipelineOptions.Value.HeadTracks / shards)));
        _forwarding = new TransitionForwarding((int)this.GetPrimaryKeyLong(), shards, options.Value.TransitionWindow);
        // Not inside the activation: reading a large model takes longer than the runtime lets an activation take (it
        // would cancel it and start over, for ever). Calls wait for it instead; a failed restore deactivates the shard.
        if (checkpointOptions.Value.Enabled) _restoring = RestoreAsync();
        else StartHeadRefresh();
        return Task.CompletedTask;
    }

    private async Task RestoreAsync()
    {
        try
        {
            await WaitForHandOverAsync(CancellationToken.None);
            var items = await store.ReadAsync(Scope, CancellationToken.None);
            if (items.Count > 0)
            {
                var observations = _checkpoint.Restore(items);
                var delta = _learner.PublishAll(withLists: false); // the log needs the keys; readers get the lists when they pull
                _head.Refresh(_learner); // before readers pull what was restored: they get the head's lists only
                foreach (var part in delta.Split(RestoredKeysPerVersion)) _log.Record(part); // readers pull it a bounded part at a time
                LogRestored(Scope, observations, _checkpoint.KeyCount);
                ReportMemory();
            }
        }
        catch (Exception ex)
        {
            LogRestoreFailed(ex, Scope);
            DeactivateOnIdle(); // the next call activates it again and retries
            throw;
        }

        _restored = true;
        status.Hosted(Part);
        var interval = checkpointOptions.Value.Interval;
        this.RegisterGrainTimer(_ => CheckpointTickAsync(), new GrainTimerCreationOptions(interval, interval) { Interleave = false });
        StartHeadRefresh();
    }

    private void StartHeadRefresh()
    {
        var every = pipelineOptions.Value.HeadRefreshInterval;
        this.RegisterGrainTimer(_ => RefreshHead(), new GrainTimerCreationOptions(every, every) { Interleave = false });
        if (rebalancer.Enabled)
        {
            var check = rebalancer.CheckInterval;
            this.RegisterGrainTimer(_ => FollowClusterAsync(), new GrainTimerCreationOptions(check, check) { Interleave = false });
        }
    }

    /// <summary>
    /// Moves this shard to its home once the cluster has settled with its home elsewhere (<see cref="ShardRebalancer"/>):
    /// it migrates: its deactivation writes its last checkpoint, and it activates at home, where it restores. Without
    /// checkpoints only a shard that holds nothing moves (a move would lose what it learned).
    /// </summary>
    private Task FollowClusterAsync()
    {
        var movable = checkpointOptions.Value.Enabled || (_learner.TrackCount == 0 && _learner.ArtistCount == 0);
        if (movable && rebalancer.ShouldMove(this.GetPrimaryKeyLong(), this.GetGrainId().Type)) MigrateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Recomputes the head; the sources that entered or left it are logged as changed, so readers pull the lists of the
    /// new ones and drop the others (<see cref="IModelShardGrain.GetChangesAsync"/> sends a tail source's list empty).
    /// </summary>
    private Task RefreshHead()
    {
        var (entered, left) = _head.Refresh(_learner);
        _log.RecordSuccessors([.. entered, .. left]);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _closing = true; // forwarded transitions still interleaving now would miss the last checkpoint: refused, retried elsewhere
        admission.Left(Part);
        memory.Left(Part);
        if (!checkpointOptions.Value.Enabled || !_restored) return;
        try
        {
            await CompleteWriteAsync();
            var capture = _checkpoint.Capture(clock.GetUtcNow().ToUnixTimeMilliseconds(), closing: true);
            status.Written(Part, await store.WriteAsync(Scope, capture.Items, capture.Deletes, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFinalCheckpointFailed(ex, Scope);
        }
        finally
        {
            status.Left(Part);
        }
    }

    /// <summary>
    /// A shard moving off a silo that stops may still be writing its last checkpoint when this activation starts (or
    /// was killed and never will): wait for its header to say it closed, for <see cref="ModelCheckpointOptions.HandOverWait"/> at most.
    /// </summary>
    private async Task WaitForHandOverAsync(CancellationToken cancellationToken)
    {
        // Real elapsed time, not the injected clock: this waits on another process, whatever time the model runs on.
        var started = Stopwatch.GetTimestamp();
        while (await store.ReadItemAsync(Scope, LearnerCheckpoint.HeaderKey, cancellationToken) is { } header && !LearnerCheckpoint.IsClosed(header))
        {
            if (Stopwatch.GetElapsedTime(started) >= checkpointOptions.Value.HandOverWait)
            {
                LogHandOverMissing(Scope);
                return;
            }

            await Task.Delay(HandOverPoll, cancellationToken); // another process writes it: poll storage
        }
    }

    private static readonly TimeSpan HandOverPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Keys per change-log version when a restored state is published (a pull stops at a version boundary).</summary>
    private const int RestoredKeysPerVersion = 5_000;

    async Task IModelShardGrain.LearnAsync(ObservationBatch batch)
    {
        await _restoring;
        if (!_ledger.Accept(batch.Sender, batch.Sequence))
        {
            admission.Redelivered(batch.Observations.Length); // its answer was lost and its sender repeated it: learned already
            return;
        }

        await LearnAndForwardAsync(batch.Observations);
    }

    async Task IModelShardGrain.LearnAsync(IReadOnlyList<ObservationRecord> observations)
    {
        await _restoring;
        await LearnAndForwardAsync(observations);
    }

    /// <summary>
    /// Learns what this shard owns, then hands the other shards their transitions and waits for them (so a batch
    /// answered is learned everywhere, as its sender expects). Nothing of this shard is read or written after the wait.
    /// </summary>
    private async Task LearnAndForwardAsync(IReadOnlyList<ObservationRecord> observations)
    {
        Learn(observations);
        var forwards = _forwarding.Take();
        if (forwards.Count == 0) return;

        // Not from the start of the turn: Orleans runs it inside the activation's message loop, under the activation's
        // lock, and a call to a shard of the same silo takes that shard's lock at once; two shards forwarding to each other
        // that way deadlock (seen in a hang dump). After a yield the calls leave from a work item of this activation.
        await Task.Yield();
        await Task.WhenAll(forwards.Select(f => ForwardAsync(f.Shard, f.Batch)));
    }

    private async Task ForwardAsync(int shard, ObservationBatch batch)
    {
        try
        {
            // The reference is taken here, on this activation: a retry runs after a delay on a thread-pool thread (the
            // retry pipeline does not resume on the activation's scheduler), where GrainFactory throws "Activation access
            // violation" — which made every retry of a forward fail at once during a rolling restart.
            var target = GrainFactory.GetGrain<IModelShardGrain>(shard);
            await ClusterRetry.RunAsync(() => target.LearnTransitionsAsync(batch), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogForwardFailed(ex, batch.Observations.Length, Scope, shard);
        }
    }

    async Task IModelShardGrain.LearnTransitionsAsync(ObservationBatch batch)
    {
        await _restoring;
        if (_closing) throw new ModelShardMovingException($"Model {Scope} is deactivating; send the transitions again.");
        if (!_ledger.Accept(batch.Sender, batch.Sequence))
        {
            admission.Redelivered(batch.Observations.Length);
            return;
        }

        // Admitted by the observed track's shard, which forwarded them: it holds the evidence for the track and its transitions.
        var learned = new List<ModelObservation>(batch.Observations.Length);
        foreach (var o in batch.Observations)
        {
            if (!o.TransitionOnly) continue; // only transitions are forwarded; anything else is not this call's
            var track = vocabulary.Intern(o.TrackId);
            var predecessors = new int[o.Predecessors.Length];
            for (var i = 0; i < predecessors.Length; i++) predecessors[i] = o.Predecessors[i].Length > 0 ? vocabulary.Intern(o.Predecessors[i]) : -1;
            learned.Add(new ModelObservation(track, -1, o.TimeMs, o.Weight, predecessors, o.Listener, CountsPlay: false, TransitionOnly: true));
        }

        Apply(learned);
    }

    /// <summary>
    /// The id of a transition's source when the transition may be learned (trusted, known, or admitted now); -1
    /// otherwise. A new transition from a track this silo admitted needs <see cref="EngineOptions.TransitionAdmissionListeners"/>
    /// listeners; from a track it does not know (not admitted, or admitted elsewhere so recently that this silo's read
    /// model has not heard yet), as many as a new track. The source's name is looked up once.
    /// </summary>
    private int AdmittedSource(string source, int track, ulong trackHash, ObservationRecord o)
    {
        var known = vocabulary.TryGetId(source, out var id) && vocabulary.IsAdmitted(id);
        var admitted = o.Listener == 0
            || (known && _learner.SuccessorsOf(id)?.Contains(track) == true)
            || (known ? _pairAdmission : _unknownSourceAdmission).Vouch(PairKey(source, trackHash), o.Listener);
        return !admitted ? -1 : known ? id : vocabulary.Intern(source);
    }

    private void Learn(IReadOnlyList<ObservationRecord> observations)
    {
        var batch = new List<ModelObservation>(observations.Count);
        var withheld = 0;
        foreach (var o in observations)
        {
            // A track or transition this shard does not hold waits for enough distinct listeners; until then not even
            // a name is kept (evidence is hashes only). Listener 0 is a trusted source: admitted at once.
            var trusted = o.Listener == 0;
            var trackHash = Engine.StableHash.Of(o.TrackId);
            if (!trusted && !Holds(o.TrackId) && !_admission.Vouch(trackHash, o.Listener))
            {
                // The transitions into a track still waiting gather their evidence all the same.
                foreach (var source in o.Predecessors)
                {
                    if (source.Length > 0) _unknownSourceAdmission.Vouch(PairKey(source, trackHash), o.Listener);
                }

                withheld++;
                continue;
            }

            // Interned under the vocabulary's lock: the unlocked lookup in Holds may meet an id whose leased entry was
            // just reclaimed and reused for another name, so its id is not taken from there.
            var track = vocabulary.Intern(o.TrackId);
            var predecessors = new int[o.Predecessors.Length];
            for (var i = 0; i < predecessors.Length; i++)
            {
                // Decided here, learned by the shard of its source: this one, or the one it is forwarded to.
                var name = o.Predecessors[i];
                var source = name.Length > 0 ? AdmittedSource(name, track, trackHash, o) : -1;
                if (source >= 0 && _forwarding.ShardOf(name) is var owner && !_forwarding.IsLocalShard(owner))
                {
                    _forwarding.Forward(o, i, owner);
                    source = -1;
                }

                predecessors[i] = source;
            }

            _forwarding.Complete(o);
            batch.Add(new ModelObservation(track, vocabulary.Intern(o.ArtistId), o.TimeMs, o.Weight, predecessors, o.Listener, !o.PlayAlreadyCounted));
        }

        _learner.CountWithheld(withheld);
        admission.Report(
            Part,
            _admission.Pending + _pairAdmission.Pending + _unknownSourceAdmission.Pending,
            _admission.Admitted + _pairAdmission.Admitted + _unknownSourceAdmission.Admitted,
            _admission.Forgotten + _pairAdmission.Forgotten + _unknownSourceAdmission.Forgotten);
        Apply(batch);
    }

    private void Apply(List<ModelObservation> batch)
    {
        if (batch.Count == 0) return;
        _log.Record(_learner.Apply(batch, withLists: false)); // lists are computed when a reader asks (GetChangesAsync)
        if (_head.Overflows(_learner)) RefreshHead(); // the first tail: readers drop what is not head at once
        ReportMemory();
    }

    /// <summary>Keys and evictions on every batch; the byte estimate walks every key, so at most every <see cref="EstimateEvery"/>.</summary>
    private void ReportMemory()
    {
        if (_estimatedAt == 0 || Stopwatch.GetElapsedTime(_estimatedAt) >= EstimateEvery)
        {
            _estimatedBytes = _learner.EstimateBytes();
            _estimatedAt = Stopwatch.GetTimestamp();
        }

        memory.Report(Part, new ModelMemoryStatus.ShardMemory(_learner.TrackCount, _learner.ArtistCount, _learner.TrackEvictions, _learner.ArtistEvictions, _estimatedBytes));
    }

    private static readonly TimeSpan EstimateEvery = TimeSpan.FromSeconds(10);

    async Task IModelShardGrain.AdmitAsync(IReadOnlyList<CatalogTrack> tracks)
    {
        await _restoring;
        var delta = _learner.Admit(tracks.Select(t => (vocabulary.Intern(t.TrackId), vocabulary.Intern(t.ArtistId))));
        if (delta.IsEmpty) return;
        _log.Record(delta);
        ReportMemory();
    }

    private bool Holds(string track) => vocabulary.TryGetId(track, out var id) && vocabulary.IsAdmitted(id) && _learner.ArtistOf(id) >= 0;

    private static ulong PairKey(string source, ulong trackHash) => Engine.StableHash.Of(source) ^ (trackHash * 0x9E3779B97F4A7C15UL);

    async Task<long> IModelShardGrain.CheckpointAsync()
    {
        await _restoring;
        if (!checkpointOptions.Value.Enabled || !_restored) return 0;
        await CompleteWriteAsync();
        var capture = _checkpoint.Capture(clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (!capture.IsEmpty) status.Written(Part, await store.WriteAsync(Scope, capture.Items, capture.Deletes));
        else status.Written(Part, default);
        return _learner.ObservationsApplied;
    }

    async Task<ModelChanges> IModelShardGrain.GetChangesAsync(long afterVersion, int maxKeys)
    {
        await _restoring;
        // A reader of this silo reads this vocabulary: its lists go as numbers (no name looked up here or interned there).
        var local = RequestContext.Get(ModelPullContext.VocabularyKey) is long token && token == vocabulary.Token;
        var set = _log.Since(afterVersion, Math.Max(1, maxKeys));
        var successors = new List<KeyedList>();
        var artistTops = new List<KeyedList>();
        var pairs = new List<string>();
        foreach (var (kind, key) in set.Keys)
        {
            switch (kind)
            {
                case ChangeKind.Successors:
                    // A tail source's list stays here (read on demand): sent empty, so a reader that held it drops it.
                    successors.Add(ToWire(vocabulary.NameOf(key), _head.Contains(key) ? PublishedSuccessorsOf(key) : default, local));
                    break;
                case ChangeKind.ArtistTop:
                    artistTops.Add(ToWire(vocabulary.NameOf(key), _learner.TracksOf(key)?.Top(options.Value.MaxTopTracksPerArtist), local));
                    break;
                case ChangeKind.TrackArtist:
                    var artist = _learner.ArtistOf(key);
                    pairs.Add(vocabulary.NameOf(key));
                    pairs.Add(artist >= 0 ? vocabulary.NameOf(artist) : ""); // "": evicted, readers forget the track
                    break;
            }
        }

        var trending = set.TrendingChanged ? ToWire("", _learner.Trending.Top, local) : null;
        var popular = set.TrendingChanged ? ToWire("", _learner.Popular.Top, local) : null;
        return new ModelChanges(set.Version, set.HasMore, [.. successors], [.. artistTops], [.. pairs], trending, _epoch, popular, HasTail: !_head.All);
    }

    async Task<KeyedList[]> IModelShardGrain.GetSuccessorsAsync(string[] tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        if (tracks.Length > MaxTracksPerRead) throw new ArgumentException($"At most {MaxTracksPerRead} tracks per read.", nameof(tracks));
        await _restoring;
        var lists = new KeyedList[tracks.Length];
        for (var i = 0; i < tracks.Length; i++)
        {
            lists[i] = ToWire(tracks[i], vocabulary.TryGetId(tracks[i], out var id) ? PublishedSuccessorsOf(id) : null);
        }

        return lists;
    }

    /// <summary>
    /// A source's successor list as the learner publishes it, computed when a reader asks: the shard keeps no published
    /// copy of its lists (it would be a second copy of most of what it learned), only the learner's sets.
    /// </summary>
    private ScoredId[]? PublishedSuccessorsOf(int source) => _learner.SuccessorsOf(source)?.Top(options.Value.MaxSuccessorsPerTrack);

    /// <summary>Most tracks one tail read asks for (a recommendation reads a session's anchors).</summary>
    public const int MaxTracksPerRead = 256;

    /// <summary>
    /// Takes the changed buckets in this turn (copies of the learner's arrays, so the checkpoint matches the learner at
    /// one instant) and encodes and writes them off the grain's turns: learning and readers go on while the names are
    /// written, the bytes compressed and storage works (a whole 1M-track model took 26–47 s per shard encoded in the
    /// turn, and every call to the shard timed out meanwhile). A failed write hands its buckets back.
    /// </summary>
    private async Task CheckpointTickAsync()
    {
        ReportMemory(); // also when nothing is learned for a while: the byte estimate stays current
        if (_writing is { IsCompleted: false }) return; // the previous write is still going: its buckets are not lost
        await CompleteWriteAsync();
        var snapshot = _checkpoint.Snapshot(clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (snapshot.IsEmpty)
        {
            status.Written(Part, default);
            return;
        }

        _inFlight = snapshot;
        _writing = encoder.EncodeAndWriteAsync(snapshot, store, Scope); // off the grain's turn and the thread pool
    }

    private async Task CompleteWriteAsync()
    {
        if (_writing is null || _inFlight is null) return;
        try
        {
            status.Written(Part, await _writing);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _checkpoint.Unwritten(_inFlight);
            LogCheckpointFailed(ex, Scope);
        }
        finally
        {
            _writing = null;
            _inFlight = null;
        }
    }

    /// <summary>A list as sent: its entries named, or, for a reader of this silo's vocabulary (<paramref name="local"/>), numbered.</summary>
    private KeyedList ToWire(string key, ScoredId[]? published, bool local = false)
    {
        var list = published ?? [];
        var weights = new float[list.Length];
        for (var i = 0; i < list.Length; i++) weights[i] = list[i].Weight;
        if (local)
        {
            var numbers = new int[list.Length];
            for (var i = 0; i < list.Length; i++) numbers[i] = list[i].Id;
            return new KeyedList(key, [], weights, numbers);
        }

        var ids = new string[list.Length];
        for (var i = 0; i < list.Length; i++) ids[i] = vocabulary.NameOf(list[i].Id);
        return new KeyedList(key, ids, weights);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding {Count} observations' transitions from model {Scope} to shard {Shard} failed; they are not learned.")]
    private partial void LogForwardFailed(Exception ex, int count, string scope, int shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Scope} restored from its checkpoint: {Observations} observations learned, {Keys} keys.")]
    private partial void LogRestored(string scope, long observations, int keys);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restoring model {Scope} from its checkpoint failed; it deactivates and the next call retries.")]
    private partial void LogRestoreFailed(Exception ex, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Scope} starts from a checkpoint its previous activation did not close (it was killed, or is still stopping): what it learned after that checkpoint is lost.")]
    private partial void LogHandOverMissing(string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of model {Scope} failed; its changed buckets are written with the next one.")]
    private partial void LogCheckpointFailed(Exception ex, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "The last checkpoint of model {Scope} failed as it deactivated; what it learned since its previous checkpoint is lost.")]
    private partial void LogFinalCheckpointFailed(Exception ex, string scope);
}
