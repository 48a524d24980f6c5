using System.Collections.Concurrent;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// Runs the CPU-heavy part of model checkpoints (names, byte form, compression) on a few dedicated background threads
/// of this silo: half its cores, at least one. On the thread pool, the shards' encodes (seconds each for a large model,
/// all at one checkpoint tick) held every worker, and grain calls queued behind them until the pool grew: recommend
/// stalls of 2–5 s in <c>Bench -- perf</c> right after ingest. Here they take at most half the cores and no pool thread.
/// </summary>
public sealed class CheckpointEncoder : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread[] _threads;

    public CheckpointEncoder()
        : this(Math.Max(1, Environment.ProcessorCount / 2))
    {
    }

    public CheckpointEncoder(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = [.. Enumerable.Range(0, threads).Select(i => new Thread(Run) { IsBackground = true, Name = $"checkpoint-encoder-{i}" })];
        foreach (var t in _threads) t.Start();
    }

    public int Threads => _threads.Length;

    /// <summary>Runs <paramref name="encode"/> on an encoder thread; its result or exception completes the task (continuations not inline).</summary>
    public Task<T> RunAsync<T>(Func<T> encode)
    {
        ArgumentNullException.ThrowIfNull(encode);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _work.Add(() =>
            {
                try
                {
                    done.SetResult(encode());
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException) // the silo is stopping
        {
            done.SetException(new ObjectDisposedException(nameof(CheckpointEncoder), ex));
        }

        return done.Task;
    }

    /// <summary>Encodes a shard's snapshot on an encoder thread (names, byte form, compression), then writes it to the store.</summary>
    public async Task<CheckpointWrite> EncodeAndWriteAsync(CheckpointSnapshot snapshot, IModelCheckpointStore store, string scope)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(store);
        var capture = await RunAsync(snapshot.Encode).ConfigureAwait(false);
        return await store.WriteAsync(scope, capture.Items, capture.Deletes).ConfigureAwait(false);
    }

    private void Run()
    {
        try
        {
            foreach (var work in _work.GetConsumingEnumerable()) work();
        }
        catch (ObjectDisposedException)
        {
            // disposed while an encode outlived the stop's wait: the thread ends (a background thread, never the process)
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        var finished = true;
        foreach (var t in _threads) finished &= t.Join(TimeSpan.FromSeconds(5)); // a running encode finishes; queued ones run too
        if (finished) _work.Dispose(); // else the collection is left to the finalizer: a thread still reads it
    }
}
