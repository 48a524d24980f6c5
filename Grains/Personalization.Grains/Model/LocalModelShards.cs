namespace Personalization.Grains.Model;

/// <summary>
/// Whether this silo may host model shards: from the first step of its shutdown (the <c>Active</c> stage stops, before
/// grains deactivate) a shard refuses to start here (<see cref="Abstractions.Model.ModelShardMovingException"/>), so a
/// call that would re-activate one on the stopping silo — where it would learn and never write a last checkpoint — is
/// placed on another silo instead.
/// </summary>
public sealed class LocalModelShards : ILifecycleParticipant<ISiloLifecycle>
{
    public bool Stopping { get; private set; }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LocalModelShards), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            Stopping = true;
            return Task.CompletedTask;
        });
}
