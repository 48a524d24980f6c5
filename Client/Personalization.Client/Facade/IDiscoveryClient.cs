using Personalization.Abstractions;
using Personalization.Abstractions.Blend;

namespace Personalization.Client.Facade;

/// <summary>
/// Typed facade for discovery beyond next-track recommendations: a group's shared Blend queue and a listener's
/// discovery list. Invalid input (a bad id, fewer than 2 or more than 8 distinct members, a count out of range) throws
/// <see cref="InvalidEventException"/>; nothing is changed by either call.
/// </summary>
public interface IDiscoveryClient
{
    /// <summary>The shared queue of the Blend of <paramref name="members"/> (order and duplicates do not matter).</summary>
    Task<BlendQueue> BlendAsync(IReadOnlyList<string> members, BlendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Tracks the listener has never played, near their taste, each with a reason.</summary>
    Task<RecommendationList> DiscoverAsync(string userId, RecommendRequest request, CancellationToken cancellationToken = default);
}
