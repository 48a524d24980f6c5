namespace Personalization.Engine.Ranking;

/// <summary>
/// The silo's learned re-ranker: it keeps the newest <see cref="RankerOptions.MaxExamples"/> examples (plays with the
/// engine's candidates just before them, handed in by the silo's listener grains after their events were committed),
/// trains a new <see cref="RankerModel"/> in the background after every <see cref="RankerOptions.RetrainEvery"/> of them
/// once there are <see cref="RankerOptions.MinExamples"/> (and at most once per <see cref="RankerOptions.MinRetrainInterval"/>
/// of event time), and serves the newest model to every grain of the silo
/// (<see cref="Current"/>, null until the first is trained: the engine's order is served as it is).
/// Training runs off the grains' threads, one at a time; when examples arrive faster than it trains, the next training
/// takes the buffer as of the latest trigger, so after <see cref="WhenTrainedAsync"/> the model is the one of the latest
/// trigger whatever the timing (replays are reproducible). How many plays become examples is bounded by a budget in
/// event time (<see cref="TryReserve"/>, <see cref="RankerOptions.ExamplesPerMinute"/>), so the event path's extra work
/// is bounded under any traffic. Thread-safe.
/// </summary>
public sealed class LearnedRanker(RankerOptions options)
{
    private readonly Lock _gate = new();
    private readonly RankingExample?[] _ring = new RankingExample?[options.MaxExamples];
    private long _added;
    private long _lastTrigger;
    private long _lastTriggerMs = long.MinValue;
    private double _tokens = options.ExamplesPerMinute;
    private long _budgetClockMs = long.MinValue;
    private RankingExample[]? _pending;
    private Task? _training;
    private volatile RankerModel? _current;

    public RankerOptions Options { get; } = options;

    /// <summary>The newest trained model, or null before the first.</summary>
    public RankerModel? Current => _current;

    /// <summary>Examples received since the silo started.</summary>
    public long ExamplesSeen => Interlocked.Read(ref _added);

    /// <summary>Why the latest failed training failed (null when none has).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Models trained since the silo started.</summary>
    public int ModelsTrained { get; private set; }

    /// <summary>
    /// Whether a play at <paramref name="eventMs"/> may be turned into an example: takes one from a budget that refills
    /// at <see cref="RankerOptions.ExamplesPerMinute"/> per minute of event time (the latest seen), up to one minute's worth.
    /// </summary>
    public bool TryReserve(long eventMs)
    {
        if (!Options.Enabled) return false;
        lock (_gate)
        {
            if (_budgetClockMs == long.MinValue) _budgetClockMs = eventMs;
            if (eventMs > _budgetClockMs)
            {
                _tokens = Math.Min(Options.ExamplesPerMinute, _tokens + (eventMs - _budgetClockMs) * (Options.ExamplesPerMinute / 60_000.0));
                _budgetClockMs = eventMs;
            }

            if (_tokens < 1) return false;
            _tokens--;
            return true;
        }
    }

    /// <summary>Keeps an example of a play at <paramref name="eventMs"/>; may start a training.</summary>
    public void Add(RankingExample example, long eventMs)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (!Options.Enabled) return;
        lock (_gate)
        {
            _ring[_added % _ring.Length] = example;
            _added++;
            var kept = (int)Math.Min(_added, _ring.Length);
            if (kept < Options.MinExamples || _added - _lastTrigger < Options.RetrainEvery) return;
            if (_lastTriggerMs != long.MinValue && eventMs - _lastTriggerMs < Options.MinRetrainInterval.TotalMilliseconds) return;
            _lastTrigger = _added;
            _lastTriggerMs = eventMs;
            var snapshot = new RankingExample[kept];
            for (var i = 0; i < kept; i++) snapshot[i] = _ring[(_added - kept + i) % _ring.Length]!;
            _pending = snapshot;
            _training ??= Task.Run(TrainPending);
        }
    }

    /// <summary>Where the learner stands (model, counters, budget); examples are read with <see cref="ExampleAt"/>.</summary>
    public RankerProgress Progress()
    {
        lock (_gate) return new RankerProgress(_current, _added, _lastTrigger, _lastTriggerMs, _tokens, _budgetClockMs, ModelsTrained);
    }

    /// <summary>The <paramref name="index"/>-th example received (0-based), or null when the ring no longer holds it.</summary>
    public RankingExample? ExampleAt(long index)
    {
        lock (_gate) return index >= 0 && index < _added && index >= _added - _ring.Length ? _ring[index % _ring.Length] : null;
    }

    /// <summary>
    /// Puts back a checkpoint: the progress and the examples it stored (by index; those outside the ring are ignored).
    /// Call before the learner receives examples.
    /// </summary>
    public void Restore(RankerProgress progress, IEnumerable<(long Index, RankingExample Example)> examples)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(examples);
        lock (_gate)
        {
            _added = progress.Added;
            _lastTrigger = progress.LastTrigger;
            _lastTriggerMs = progress.LastTriggerMs;
            _tokens = Math.Min(Options.ExamplesPerMinute, progress.Tokens);
            _budgetClockMs = progress.BudgetClockMs;
            ModelsTrained = progress.ModelsTrained;
            _current = progress.Model;
            Array.Clear(_ring);
            foreach (var (index, example) in examples)
            {
                if (index >= 0 && index < _added && index >= _added - _ring.Length) _ring[index % _ring.Length] = example;
            }
        }
    }

    /// <summary>Completes when no training is running or waiting (the model then reflects every trigger so far).</summary>
    public async Task WhenTrainedAsync()
    {
        while (true)
        {
            Task? running;
            lock (_gate) running = _training;
            if (running is null) return;
            await running.ConfigureAwait(false);
        }
    }

    /// <summary>Trains on the pending snapshot until none is left (on a thread-pool thread, never a grain's).</summary>
    private void TrainPending()
    {
        while (true)
        {
            RankingExample[] batch;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _training = null;
                    return;
                }

                batch = _pending;
                _pending = null;
            }

            try
            {
                var model = LambdaMart.Fit(batch, Options);
                lock (_gate)
                {
                    _current = model;
                    ModelsTrained++;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LastError = ex; // the previous model stays in service; the next trigger tries again
            }
        }
    }
}
