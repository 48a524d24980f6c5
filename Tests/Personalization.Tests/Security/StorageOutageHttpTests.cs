using Microsoft.Extensions.DependencyInjection;
using Personalization.Abstractions;
using Personalization.Client.Facade;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;

namespace Personalization.Tests.Security;

/// <summary>A storage outage surfaces as 503 ProblemDetails with the exception's Retry-After, never as a 500.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class StorageOutageHttpTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() =>
        _api = await host.StartOnceAsync(cluster, s => s.AddSingleton<IPersonalizationClient>(new UnavailableStorage()));

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Theory]
    [InlineData("POST", "events")]
    [InlineData("GET", "recommendations")]
    [InlineData("GET", "profile")]
    [InlineData("GET", "export")]
    [InlineData("DELETE", "")]
    public async Task Storage_unavailable_is_503_with_retry_after(string method, string path)
    {
        var user = PersonalizationCluster.UniqueUser("outage");
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/v1/users/{user}/{path}".TrimEnd('/'));
        if (method == "POST") request.Content = System.Net.Http.Json.JsonContent.Create(ApiRequests.Event(cluster, "o1", "o-t1"));

        var response = await _api.ClientWith(_api.Tokens.Create(user, roles: ["admin"])).SendAsync(request);

        response.ShouldBeProblem(503);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    private sealed class UnavailableStorage : IPersonalizationClient
    {
        private static StorageUnavailableException Outage() => new("The journal did not confirm in time.", TimeSpan.FromSeconds(6.2));

        public Task<RecordResult> RecordAsync(string userId, ListenEvent listenEvent, CancellationToken cancellationToken = default) => throw Outage();

        public Task<RecordResult> RecordBatchAsync(string userId, IReadOnlyList<ListenEvent> events, CancellationToken cancellationToken = default) => throw Outage();

        public Task<RecommendationList> RecommendAsync(string userId, RecommendRequest request, CancellationToken cancellationToken = default) => throw Outage();

        public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default) => throw Outage();

        public Task<UserExport> ExportAsync(string userId, CancellationToken cancellationToken = default) => throw Outage();

        public Task ForgetAsync(string userId, CancellationToken cancellationToken = default) => throw Outage();
    }
}
