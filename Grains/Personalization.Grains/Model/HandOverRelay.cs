using Orleans.Runtime.Placement;
using Personalization.Abstractions;
using Personalization.Abstractions.Model;
using Personalization.Grains.Model.Placement;

namespace Personalization.Grains.Model;

/// <summary>
/// How a stopping silo hands a numbered batch to a silo that stays (<see cref="IModelRelayGrain"/>), for the shards it
/// cannot reach itself: the relay sits on an active silo other than this one, chosen by a placement hint.
/// </summary>
public sealed class HandOverRelay(IGrainFactory grains, IClusterMembershipService membership, ILocalSiloDetails silo)
{
    /// <summary>Hands the batch over (answered once the other silo queued it); throws when no other silo is active or it refuses.</summary>
    public Task SendAsync(int shard, ObservationBatch batch, CancellationToken cancellationToken) =>
        ClusterRetry.RunAsync(async () =>
        {
            var to = OtherActiveSilo() ?? throw new InvalidOperationException("No other silo is active to relay the model's observations.");
            var relay = grains.GetGrain<IModelRelayGrain>(ShardSiloKey.Of(silo.SiloAddress) + ">" + ShardSiloKey.Of(to));
            RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
            try
            {
                await relay.RelayAsync(shard, batch);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }, cancellationToken);

    /// <summary>
    /// The active silo, other than this one, that comes first by its key (every batch of a stop goes to the same one while
    /// it lasts); null when this is the cluster's only active silo.
    /// </summary>
    public SiloAddress? OtherActiveSilo() =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress))
            .Select(m => m.SiloAddress)
            .OrderBy(ShardSiloKey.Of, StringComparer.Ordinal)
            .FirstOrDefault();
}
