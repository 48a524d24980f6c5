using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Engine;
using Personalization.Engine.Catalog;

namespace Personalization.Grains.Catalog;

/// <summary>
/// The silo's copy of the catalogue's rules (<see cref="CatalogIndex"/>), kept fresh by pulling every partition's
/// changes each <see cref="CatalogOptions.RefreshInterval"/> (one grain call per partition per tick when nothing
/// changed). Recommendations, discovery and Blend check it at serve time, so a takedown leaves every list served by
/// this silo within about one interval of its write, with no grain call on the recommend path.
/// </summary>
public sealed partial class CatalogCache(
    IGrainFactory grains,
    Vocabulary names,
    IOptions<CatalogOptions> options,
    ILogger<CatalogCache> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly (long Epoch, long Version)[] _positions = new (long, long)[CatalogPartitions.Count];
    private readonly SemaphoreSlim _pulling = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waitWarned;
    private long _startedAt = Stopwatch.GetTimestamp();
    private Task _loop = Task.CompletedTask;

    public CatalogIndex Index { get; } = new(names);

    /// <summary>When this silo last caught up with every partition.</summary>
    public DateTimeOffset? LastRefreshed { get; private set; }

    /// <summary>True once this silo caught up with every partition at least once (before that, its rules are incomplete).</summary>
    public bool IsLoaded => _loaded.Task.IsCompleted;

    /// <summary>
    /// Waits until the first pull caught up with every partition, at most <paramref name="wait"/>: a grain activating on a
    /// silo that just joined then neither refuses known tracks (Strict) nor serves a taken-down one. After the wait it
    /// goes on with what the cache has (logged once).
    /// </summary>
    public async ValueTask WhenLoadedAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (IsLoaded) return;
        var left = wait - Stopwatch.GetElapsedTime(Volatile.Read(ref _startedAt)); // counted from the silo's start: storage down delays activations once, not each one
        try
        {
            if (left > TimeSpan.Zero) await _loaded.Task.WaitAsync(left, cancellationToken);
        }
        catch (TimeoutException)
        {
        }

        if (!IsLoaded && Interlocked.Exchange(ref _waitWarned, 1) == 0) LogNotLoaded(wait);
    }

    /// <summary>Pulls every partition's changes until caught up (the loop does this each interval; tests and tools may call it).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _pulling.WaitAsync(cancellationToken);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, CatalogPartitions.Count).Select(p => PullAsync(p, cancellationToken)));
            LastRefreshed = DateTimeOffset.UtcNow;
            _loaded.TrySetResult();
        }
        finally
        {
            _pulling.Release();
        }
    }

    private async Task PullAsync(int partition, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<ICatalogPartitionGrain>(partition);
        while (true)
        {
            var (epoch, version) = _positions[partition];
            var page = await ClusterRetry.RunAsync(() => grain.GetChangesAsync(epoch, version, options.Value.PageSize), cancellationToken);
            foreach (var f in page.Tracks) Index.Apply(f.TrackId, f.ArtistId, f.Markets, f.Explicit, f.ReleaseDay, f.Deleted);
            _positions[partition] = (page.Epoch, page.Version);
            if (!page.More) return;
        }
    }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CatalogCache), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval); // real time: the catalogue is not on the listeners' clock
        do
        {
            try
            {
                await RefreshAsync(_stopping.Token);
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _pulling.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The catalogue cache has not caught up with every partition {Wait} after the silo started; grains activate with an incomplete catalogue (Strict mode may refuse known tracks, takedowns may be served) until it does.")]
    private partial void LogNotLoaded(TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refreshing the catalogue cache failed; retrying on the next tick.")]
    private partial void LogRefreshFailed(Exception ex);
}
