using Orleans.Concurrency;
using Orleans.Runtime;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;
using Personalization.Grains.Model;

namespace Personalization.Grains.Diagnostics;

/// <summary>
/// The one place that reads a silo's model facts for operators (<see cref="ModelStatus"/>): the read model
/// (<see cref="LiveModel"/>), its pipeline (<see cref="IModelPipeline"/>) and the learned re-ranker. Stateless worker,
/// so the silo that takes the call answers about itself; reads only, never waits on another grain.
/// </summary>
[StatelessWorker]
public sealed class ModelStatusGrain(
    LiveModel model,
    IModelPipeline pipeline,
    LearnedRanker ranker,
    Vocabulary vocabulary,
    ILocalSiloDetails silo,
    ModelMemoryStatus shards,
    Model.Checkpoints.ModelCheckpointStatus checkpoints,
    TimeProvider clock) : Grain, IModelStatusGrain
{
    Task<ModelStatus> IModelStatusGrain.GetStatusAsync(int trending)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trending);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trending, IModelStatusGrain.MaxTrending);
        var served = ranker.Current;
        var rankerStatus = new RankerStatus(
            ranker.Options.Enabled, ranker.ExamplesSeen, ranker.ModelsTrained, served?.Examples, served?.Trees, ranker.LastError?.Message);
        return Task.FromResult(new ModelStatus(
            silo.SiloAddress.ToString(), clock.GetUtcNow(), model.TrackCount, pipeline.LastRefreshed,
            pipeline.Published, pipeline.Applied, pipeline.Dropped, Trending(trending), rankerStatus, Memory()));
    }

    private ModelMemory Memory()
    {
        var age = checkpoints.OldestAgeSeconds();
        return new ModelMemory(
            model.SourceTrackCount, model.EstimatedBytes + pipeline.MergerEstimatedBytes, shards.Tracks, shards.Artists, shards.TrackEvictions, shards.ArtistEvictions,
            shards.EstimatedBytes, checkpoints.IsRestored, double.IsFinite(age) && age >= 0 ? age : null);
    }

    private TrendingTrack[] Trending(int count)
    {
        var list = model.Trending;
        var result = new TrendingTrack[Math.Min(count, list.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            var artist = model.ArtistOf(list[i].Id);
            result[i] = new TrendingTrack(vocabulary.NameOf(list[i].Id), artist < 0 ? null : vocabulary.NameOf(artist), list[i].Weight);
        }

        return result;
    }
}
