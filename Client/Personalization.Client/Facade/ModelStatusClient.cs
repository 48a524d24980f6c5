using Personalization.Abstractions;
using Personalization.Abstractions.Model;

namespace Personalization.Client.Facade;

/// <summary>
/// Default <see cref="IModelStatusClient"/>: one call to the <see cref="IModelStatusGrain"/> stateless worker, repeated
/// only when the cluster refused it during a membership change (<see cref="ClusterRetry"/>).
/// </summary>
public sealed class ModelStatusClient(IGrainFactory grains) : IModelStatusClient
{
    public Task<ModelStatus> GetStatusAsync(int trending, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trending);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trending, IModelStatusGrain.MaxTrending);
        return ClusterRetry.RunAsync(() => grains.GetGrain<IModelStatusGrain>(0).GetStatusAsync(trending), cancellationToken);
    }
}
