using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// Silo-local model pipeline: a bounded queue drained by one background loop that learns batches with
/// <see cref="ModelLearner"/> and publishes the changed lists into the silo's <see cref="LiveModel"/>.
/// </summary>
public sealed class LocalModelPipeline : BackgroundService, IModelPipeline
{
    private readonly Channel<Item> _queue;
    private readonly ModelLearner _learner;
    private readonly LiveModel _model;
    private readonly ModelPipelineOptions _options;
    private readonly ILogger<LocalModelPipeline> _logger;
    private long _published;
    private long _applied;
    private long _dropped;

    public LocalModelPipeline(ModelLearner learner, LiveModel model, IOptions<ModelPipelineOptions> options, ILogger<LocalModelPipeline> logger)
    {
        _learner = learner;
        _model = model;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long Published => Interlocked.Read(ref _published);

    public long Applied => Interlocked.Read(ref _applied);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Publish(ModelObservation observation)
    {
        if (_queue.Writer.TryWrite(new Item(observation, null))) Interlocked.Increment(ref _published);
        else Interlocked.Increment(ref _dropped);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return WriteMarkerAsync(done, cancellationToken);
    }

    private async Task WriteMarkerAsync(TaskCompletionSource done, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(new Item(null, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ModelObservation>(_options.MaxBatchSize);
        var markers = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                using (var linger = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    linger.CancelAfter(_options.FlushInterval);
                    try
                    {
                        while (batch.Count < _options.MaxBatchSize && markers.Count == 0)
                        {
                            if (!reader.TryRead(out var item))
                            {
                                if (!await reader.WaitToReadAsync(linger.Token)) break;
                                continue;
                            }

                            if (item.Observation is not null) batch.Add(item.Observation);
                            if (item.Marker is not null) markers.Add(item.Marker);
                        }
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // linger expired: learn what we have
                    }
                }

                Learn(batch);
                foreach (var m in markers) m.TrySetResult();
                markers.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private void Learn(List<ModelObservation> batch)
    {
        if (batch.Count == 0) return;
        try
        {
            _model.Apply(_learner.Apply(batch));
            Interlocked.Add(ref _applied, batch.Count);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            _logger.LogError(ex, "Learning a batch of {Count} observations failed; the batch is skipped.", batch.Count);
        }

        batch.Clear();
    }

    private readonly record struct Item(ModelObservation? Observation, TaskCompletionSource? Marker);
}
