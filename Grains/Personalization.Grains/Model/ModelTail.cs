using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// The silo's reads of the model's tail: before a recommendation, the anchors whose successor lists the read model does
/// not replicate (their shard keeps them, <see cref="ModelHead"/>) are read from their shards, one call per shard, into
/// the bounded <see cref="TailCache"/> that <see cref="TieredModelView"/> serves them from. Nothing is read while no
/// shard has a tail (a model smaller than the head), for an anchor found fresh in the cache, or for an id no shard was
/// told about (a listener's own unadmitted id). A read that fails or takes longer than
/// <see cref="ModelPipelineOptions.TailReadTimeout"/> is counted and logged; the recommendation goes on without it.
/// </summary>
public sealed partial class ModelTail(
    IGrainFactory grains, IModelPipeline pipeline, Vocabulary vocabulary, LiveModel head, TailCache cache,
    IOptions<ModelPipelineOptions> options, ILogger<ModelTail> logger)
{
    /// <summary>Most anchors read per recommendation: the session's most recent distinct tracks, and a radio's seed.</summary>
    public const int MaxAnchors = 10;

    private long _failures;

    /// <summary>Tail reads that failed or timed out.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public TailCache Cache => cache;

    /// <summary>Reads the tail lists a recommendation for <paramref name="state"/> needs, unless they are cached.</summary>
    public ValueTask PrepareAsync(ListenerState state, int seed = -1)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!pipeline.AnyTail) return ValueTask.CompletedTask;
        Dictionary<int, List<(int Id, string Name)>>? missing = null;
        foreach (var anchor in TailAnchors.Of(state, MaxAnchors, seed))
        {
            if (!head.SuccessorsOf(anchor).IsEmpty || !vocabulary.IsAdmitted(anchor)) continue;
            var name = vocabulary.NameOf(anchor);
            var shard = pipeline.ShardOf(name);
            if (!pipeline.HasTail(shard) || cache.IsFresh(anchor)) continue;
            missing ??= [];
            if (!missing.TryGetValue(shard, out var tracks)) missing[shard] = tracks = [];
            tracks.Add((anchor, name));
        }

        return missing is null ? ValueTask.CompletedTask : new ValueTask(ReadAsync(missing));
    }

    private async Task ReadAsync(Dictionary<int, List<(int Id, string Name)>> missing)
    {
        using var timeout = new CancellationTokenSource(options.Value.TailReadTimeout);
        await Task.WhenAll(missing.Select(m => ReadAsync(m.Key, m.Value, timeout.Token)));
    }

    private async Task ReadAsync(int shard, List<(int Id, string Name)> tracks, CancellationToken cancellationToken)
    {
        try
        {
            var names = tracks.Select(t => t.Name).ToArray();
            var lists = await grains.GetGrain<IModelShardGrain>(shard).GetSuccessorsAsync(names).WaitAsync(cancellationToken);
            for (var i = 0; i < tracks.Count && i < lists.Length; i++) cache.Put(tracks[i].Id, ToScored(lists[i]));
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failures);
            LogTailReadFailed(ex, tracks.Count, shard);
        }
    }

    /// <summary>A shard's list in this silo's ids; a successor this silo has not heard of yet is left out (never interned here).</summary>
    private ScoredId[] ToScored(KeyedList list)
    {
        var scored = new List<ScoredId>(list.Ids.Length);
        for (var i = 0; i < list.Ids.Length; i++)
        {
            if (vocabulary.TryGetId(list.Ids[i], out var id) && vocabulary.IsAdmitted(id)) scored.Add(new ScoredId(id, list.Weights[i]));
        }

        return [.. scored];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Count} tail successor lists from model shard {Shard} failed or timed out; the recommendation goes on without them.")]
    private partial void LogTailReadFailed(Exception ex, int count, int shard);
}
