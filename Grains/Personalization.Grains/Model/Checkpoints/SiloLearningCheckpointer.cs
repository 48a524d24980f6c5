using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Engine.Exploration;
using Personalization.Engine.Ranking;

namespace Personalization.Grains.Model.Checkpoints;

/// <summary>
/// Checkpoints what each silo learns on its own: its learned re-ranker (model in service, counters, budget and the
/// ring of examples) and its exploration arms. A starting silo restores the freshest state any silo stored (silos learn
/// from the same stream, so a new pod starts with the model in service), then writes its own every interval (examples
/// incrementally: only chunks that changed) and once more when it stops. State of silos gone for longer than
/// <see cref="ModelCheckpointOptions.StaleSiloAfter"/> is deleted.
/// </summary>
public sealed partial class SiloLearningCheckpointer(
    LearnedRanker ranker,
    SourceArms arms,
    IModelCheckpointStore store,
    ModelCheckpointStatus status,
    ILocalSiloDetails silo,
    IOptions<ModelCheckpointOptions> options,
    TimeProvider clock,
    ILogger<SiloLearningCheckpointer> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string IndexScope = "learned";
    private const string Part = "ranker";
    private readonly ModelCheckpointOptions _options = options.Value;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _running;
    private string? _key;
    private long _writtenAdded;
    private long _lowestStoredChunk;
    private (long Added, int Trained, RankerModel? Model, int Arms)? _lastHeader;

    private string Key => _key ??= "s" + Engine.StableHash.Of(silo.SiloAddress.ToParsableString()).ToString("x16", CultureInfo.InvariantCulture);

    private static string ExamplesScope(string siloKey) => "learned-" + siloKey;

    private static string ChunkKey(long chunk) => "e" + chunk.ToString("D10", CultureInfo.InvariantCulture);

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(SiloLearningCheckpointer), ServiceLifecycleStage.Active, Start, _ => Task.CompletedTask);
        lifecycle.Subscribe(nameof(SiloLearningCheckpointer) + ".Last", ModelPipeline.StopStage, _ => Task.CompletedTask, StopAsync);
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _running = RunAsync(_stopping.Token); // restores in the background: readiness waits for it (ModelRestoreHealthCheck)
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            status.LearningRestored();
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, clock);
        try
        {
            await RestoreWithRetriesAsync(stoppingToken);
            status.Hosted(Part);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await WriteAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogWriteFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping (also while still restoring): StopAsync writes the last checkpoint if the restore completed
        }
    }

    /// <summary>After every grain of the silo was deactivated (their last examples are in): the last checkpoint.</summary>
    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_running is not null) await _running;
        if (!_options.Enabled || !status.IsRestored) return; // never overwrite stored state with a half-restored one
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the host stopped us at once (a kill): what was learned since the last checkpoint is lost, as documented
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex);
        }
        finally
        {
            status.Left(Part);
        }
    }

    private async Task RestoreWithRetriesAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await RestoreAsync(stoppingToken);
                status.LearningRestored();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRestoreFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var index = await store.ReadAsync(IndexScope, cancellationToken);
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var headers = index.Select(i => (i.Key, i.Data, WrittenAtMs: RankerCheckpoint.WrittenAtMs(i.Data))).ToList();
        var freshest = headers.Where(h => h.Key != Key).OrderByDescending(h => h.WrittenAtMs).FirstOrDefault();
        if (freshest.Data is not null)
        {
            var progress = RankerCheckpoint.DecodeHeader(freshest.Data, arms);
            var examples = new List<(long Index, RankingExample Example)>();
            foreach (var chunk in await store.ReadAsync(ExamplesScope(freshest.Key), cancellationToken)) examples.AddRange(RankerCheckpoint.DecodeExamples(chunk.Data));
            ranker.Restore(progress, examples);
            var firstHeld = Math.Max(0, progress.Added - ranker.Options.MaxExamples);
            _writtenAdded = firstHeld - firstHeld % _options.ExamplesPerItem; // our own scope is empty: write the whole ring
            _lowestStoredChunk = _writtenAdded / _options.ExamplesPerItem;
            LogRestored(progress.Added, examples.Count, progress.Model?.Examples ?? 0);
        }

        foreach (var stale in headers.Where(h => h.Key != freshest.Key && h.Key != Key && nowMs - h.WrittenAtMs > _options.StaleSiloAfter.TotalMilliseconds))
        {
            var chunks = await store.ReadAsync(ExamplesScope(stale.Key), cancellationToken);
            await store.WriteAsync(ExamplesScope(stale.Key), [], [.. chunks.Select(c => c.Key)], cancellationToken);
            await store.WriteAsync(IndexScope, [], [stale.Key], cancellationToken);
        }
    }

    /// <summary>Writes the changed example chunks, deletes those the ring dropped, then the header. One at a time.</summary>
    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var progress = ranker.Progress();
            var perItem = _options.ExamplesPerItem;
            var chunks = new List<Engine.Model.CheckpointItem>();
            for (var chunk = _writtenAdded / perItem; chunk * perItem < progress.Added; chunk++)
            {
                chunks.Add(new Engine.Model.CheckpointItem(ChunkKey(chunk), RankerCheckpoint.EncodeExamples(ranker, chunk * perItem, perItem)));
            }

            var firstHeldChunk = Math.Max(0, progress.Added - ranker.Options.MaxExamples) / perItem;
            var deletes = new List<string>();
            for (var chunk = _lowestStoredChunk; chunk < firstHeldChunk; chunk++) deletes.Add(ChunkKey(chunk));
            var cost = default(CheckpointWrite);
            if (chunks.Count > 0 || deletes.Count > 0) cost += await store.WriteAsync(ExamplesScope(Key), chunks, deletes, cancellationToken);
            _lowestStoredChunk = Math.Max(_lowestStoredChunk, firstHeldChunk);
            _writtenAdded = progress.Added - progress.Added % perItem; // the last, partial chunk is rewritten next time

            var said = (progress.Added, progress.ModelsTrained, progress.Model, ArmsHash());
            if (_lastHeader != said)
            {
                var header = RankerCheckpoint.EncodeHeader(progress, arms, clock.GetUtcNow().ToUnixTimeMilliseconds());
                cost += await store.WriteAsync(IndexScope, [new Engine.Model.CheckpointItem(Key, header)], [], cancellationToken);
                _lastHeader = said;
            }

            status.Written(Part, cost);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private int ArmsHash()
    {
        var hash = new HashCode();
        var (served, reward) = arms.Export();
        foreach (var v in served) hash.Add(v);
        foreach (var v in reward) hash.Add(v);
        return hash.ToHashCode();
    }

    public void Dispose()
    {
        _writeGate.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-ranker restored from a checkpoint: {Added} examples received, {Held} held, model in service trained on {ModelExamples}.")]
    private partial void LogRestored(long added, int held, int modelExamples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restoring the re-ranker and exploration arms from their checkpoint failed; retrying.")]
    private partial void LogRestoreFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the re-ranker and exploration arms failed; retrying on the next tick.")]
    private partial void LogWriteFailed(Exception ex);
}
