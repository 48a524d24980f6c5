namespace Personalization.Abstractions.Model;

/// <summary>
/// A stopping silo's way to another silo's model feed (key: the two silos, "from>to"; placed on "to" by a placement
/// hint). A silo that stops hands its last numbered batches to a silo that stays, which delivers them to their shards.
/// It needs the detour because the grain directory can go on pointing at the shard activations it has just deactivated
/// until it has left the cluster: its own calls to those shards are refused for as long as it waits.
/// </summary>
[Alias("pzn.IModelRelayGrain")]
public interface IModelRelayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a batch for <paramref name="shard"/> (answered once it is queued) and delivers it in the background, batches
    /// in the order taken. Delivering it twice is harmless: the shard applies each batch number of a sender once.
    /// </summary>
    [Alias("Relay")]
    Task RelayAsync(int shard, ObservationBatch batch);
}
