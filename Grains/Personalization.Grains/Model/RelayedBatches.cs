using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// Batches that stopping silos handed this silo (<see cref="IModelRelayGrain"/>), delivered to their shards one at a
/// time in the order taken, each retried for <see cref="ModelPipelineOptions.DeliveryPatience"/>: the shards of the
/// silo that stopped are refused until it has left the cluster. At most <see cref="Capacity"/> batches wait; what is
/// still waiting when this silo stops is dropped and counted in the log.
/// </summary>
public sealed partial class RelayedBatches : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Batches that may wait (a stopping silo hands over a few per shard).</summary>
    public const int Capacity = 1024;

    private readonly Channel<(int Shard, ObservationBatch Batch)> _queue =
        Channel.CreateBounded<(int, ObservationBatch)>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    private readonly CancellationTokenSource _stopping = new();
    private readonly IGrainFactory _grains;
    private readonly ModelPipelineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RelayedBatches> _logger;
    private Task _loop = Task.CompletedTask;
    private long _delivered;
    private long _dropped;

    public RelayedBatches(IGrainFactory grains, IOptions<ModelPipelineOptions> options, TimeProvider clock, ILogger<RelayedBatches> logger)
    {
        _grains = grains;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Observations relayed to their shards so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Relayed observations given up (refused beyond the patience, or still waiting when this silo stopped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues a numbered batch (a relayed batch must be numbered, or a repeat would be learned twice); throws
    /// <see cref="ArgumentException"/> for a shard that does not exist or an unnumbered batch, and
    /// <see cref="InvalidOperationException"/> when <see cref="Capacity"/> batches wait or the silo stops.
    /// </summary>
    public void Accept(int shard, ObservationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Observations, nameof(batch));
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, _options.Shards);
        if (batch.Sender == 0 || batch.Sequence < 1) throw new ArgumentException("A relayed batch has a sender and a batch number of 1 or more.", nameof(batch));
        if (_stopping.IsCancellationRequested || !_queue.Writer.TryWrite((shard, batch)))
        {
            throw new InvalidOperationException($"This silo takes no more relayed batches ({Capacity} wait, or it stops).");
        }
    }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RelayedBatches), ServiceLifecycleStage.ApplicationServices, Start, StopAsync);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = DeliverAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
        var left = 0;
        while (_queue.Reader.TryRead(out var item)) left += item.Batch.Observations.Length;
        if (left > 0)
        {
            Interlocked.Add(ref _dropped, left);
            LogLeft(left);
        }
    }

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (reader.TryPeek(out var item))
                {
                    var count = item.Batch.Observations.Length;
                    try
                    {
                        await ClusterRetry.RunPatientlyAsync(
                            () => _grains.GetGrain<IModelShardGrain>(item.Shard).LearnAsync(item.Batch), _options.DeliveryPatience, _clock, stoppingToken);
                        Interlocked.Add(ref _delivered, count);
                        LogDelivered(count, item.Shard);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Interlocked.Add(ref _dropped, count);
                        LogFailed(ex, count, item.Shard);
                    }

                    reader.TryRead(out _); // taken only once delivered or given up: a stop counts it with what is left
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: what waits is counted by StopAsync
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Count} observations a stopping silo handed over to model shard {Shard}.")]
    private partial void LogDelivered(int count, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} observations a stopping silo handed over to model shard {Shard} failed; they are dropped from the model.")]
    private partial void LogFailed(Exception ex, int count, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo stops with {Count} observations other stopping silos handed over still undelivered; they are dropped from the model.")]
    private partial void LogLeft(int count);
}
