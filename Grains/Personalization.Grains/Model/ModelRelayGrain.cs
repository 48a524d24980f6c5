using Orleans.Placement;
using Personalization.Abstractions.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// The door of <see cref="IModelRelayGrain"/>: queues what a stopping silo hands over on this silo's
/// <see cref="RelayedBatches"/>. Random placement honours the placement hint that names this silo.
/// </summary>
[RandomPlacement]
public sealed class ModelRelayGrain(RelayedBatches relayed) : Grain, IModelRelayGrain
{
    Task IModelRelayGrain.RelayAsync(int shard, ObservationBatch batch)
    {
        relayed.Accept(shard, batch);
        return Task.CompletedTask;
    }
}
