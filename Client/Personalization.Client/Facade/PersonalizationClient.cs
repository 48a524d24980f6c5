using Personalization.Abstractions;

namespace Personalization.Client.Facade;

/// <summary>
/// Default <see cref="IPersonalizationClient"/>: validates the user id, then one grain call per request, repeated only
/// when the cluster refused it during a membership change (<see cref="ClusterRetry"/>).
/// </summary>
public sealed class PersonalizationClient(IGrainFactory grains, RequestValidator validator) : IPersonalizationClient
{
    public Task<RecordResult> RecordAsync(string userId, ListenEvent listenEvent, CancellationToken cancellationToken = default) =>
        ClusterRetry.RunAsync(() => User(userId).RecordAsync(listenEvent), cancellationToken);

    public Task<RecordResult> RecordBatchAsync(string userId, IReadOnlyList<ListenEvent> events, CancellationToken cancellationToken = default) =>
        ClusterRetry.RunAsync(() => User(userId).RecordBatchAsync(events), cancellationToken);

    public Task<RecommendationList> RecommendAsync(string userId, RecommendRequest request, CancellationToken cancellationToken = default) =>
        ClusterRetry.RunAsync(() => User(userId).RecommendAsync(request), cancellationToken);

    public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        ClusterRetry.RunAsync(() => User(userId).GetProfileAsync(), cancellationToken);

    public Task<UserExport> ExportAsync(string userId, CancellationToken cancellationToken = default) =>
        ClusterRetry.RunAsync(() => User(userId).ExportAsync(), cancellationToken);

    public Task ForgetAsync(string userId, CancellationToken cancellationToken = default) =>
        ClusterRetry.RunAsync(() => User(userId).ForgetAsync(), cancellationToken);

    private IUserGrain User(string userId)
    {
        var errors = validator.ValidateUserId(userId);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        return grains.GetGrain<IUserGrain>(userId);
    }
}
