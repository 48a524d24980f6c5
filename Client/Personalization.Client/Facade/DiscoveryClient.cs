using Personalization.Abstractions;
using Personalization.Abstractions.Blend;

namespace Personalization.Client.Facade;

/// <summary>
/// Default <see cref="IDiscoveryClient"/>: validates the ids (a Blend's members are made canonical: sorted, distinct),
/// then one grain call, repeated only when the cluster refused it during a membership change (<see cref="ClusterRetry"/>).
/// </summary>
public sealed class DiscoveryClient(IGrainFactory grains, RequestValidator validator) : IDiscoveryClient
{
    public Task<BlendQueue> BlendAsync(IReadOnlyList<string> members, BlendRequest request, CancellationToken cancellationToken = default)
    {
        var errors = BlendMembers.TryParse(members, validator, out var canonical);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        var blend = grains.GetGrain<IBlendGrain>(BlendMembers.Key(canonical));
        return ClusterRetry.RunAsync(() => blend.GetQueueAsync(request), cancellationToken);
    }

    public Task<RecommendationList> DiscoverAsync(string userId, RecommendRequest request, CancellationToken cancellationToken = default)
    {
        var errors = validator.ValidateUserId(userId);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        return ClusterRetry.RunAsync(() => grains.GetGrain<IUserGrain>(userId).DiscoverAsync(request), cancellationToken);
    }
}
