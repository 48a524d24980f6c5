using Personalization.Abstractions;

namespace Personalization.Client.Facade;

/// <summary>Default <see cref="IPersonalizationClient"/>: validates the user id, then one grain call per request.</summary>
public sealed class PersonalizationClient(IGrainFactory grains, RequestValidator validator) : IPersonalizationClient
{
    public Task<RecordResult> RecordAsync(string userId, ListenEvent listenEvent, CancellationToken cancellationToken = default) =>
        User(userId).RecordAsync(listenEvent).WaitAsync(cancellationToken);

    public Task<RecordResult> RecordBatchAsync(string userId, IReadOnlyList<ListenEvent> events, CancellationToken cancellationToken = default) =>
        User(userId).RecordBatchAsync(events).WaitAsync(cancellationToken);

    public Task<RecommendationList> RecommendAsync(string userId, RecommendRequest request, CancellationToken cancellationToken = default) =>
        User(userId).RecommendAsync(request).WaitAsync(cancellationToken);

    public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        User(userId).GetProfileAsync().WaitAsync(cancellationToken);

    public Task<UserExport> ExportAsync(string userId, CancellationToken cancellationToken = default) =>
        User(userId).ExportAsync().WaitAsync(cancellationToken);

    public Task ForgetAsync(string userId, CancellationToken cancellationToken = default) =>
        User(userId).ForgetAsync().WaitAsync(cancellationToken);

    private IUserGrain User(string userId)
    {
        var errors = validator.ValidateUserId(userId);
        if (errors.Count > 0) throw new InvalidEventException(errors);
        return grains.GetGrain<IUserGrain>(userId);
    }
}
