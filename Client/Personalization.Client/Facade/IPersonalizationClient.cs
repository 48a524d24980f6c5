using Personalization.Abstractions;

namespace Personalization.Client.Facade;

/// <summary>
/// Typed facade over the cluster for gateway code. Invalid input throws <see cref="InvalidEventException"/> (nothing is
/// applied); a cancelled token stops waiting for the reply.
/// </summary>
public interface IPersonalizationClient
{
    Task<RecordResult> RecordAsync(string userId, ListenEvent listenEvent, CancellationToken cancellationToken = default);

    Task<RecordResult> RecordBatchAsync(string userId, IReadOnlyList<ListenEvent> events, CancellationToken cancellationToken = default);

    Task<RecommendationList> RecommendAsync(string userId, RecommendRequest request, CancellationToken cancellationToken = default);

    Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Everything stored about the user (privacy export).</summary>
    Task<UserExport> ExportAsync(string userId, CancellationToken cancellationToken = default);

    Task ForgetAsync(string userId, CancellationToken cancellationToken = default);
}
