using System.Net.Http.Json;
using System.Text;
using Personalization.Abstractions;
using Personalization.Client.Http;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;
using Xunit.Abstractions;

namespace Personalization.Tests.Security;

/// <summary>
/// One request cannot buy a response many times its size (finding 5): a batch longer than the largest accepted one is
/// refused without reading its items, and a problem document lists at most 20 field errors with the total count.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class AmplificationTests(PersonalizationCluster cluster, ClassApiHost host, ITestOutputHelper output) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private const int MaxProblemBytes = 8 * 1024;
    private static readonly int MaxBatch = new ValidationLimits().MaxBatchSize; // the test cluster's default
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Fact]
    public async Task A_512_KB_body_of_tiny_items_gets_one_small_problem_document()
    {
        var user = PersonalizationCluster.UniqueUser("amp");
        var items = (512 * 1024 - 2) / 2; // "[1,1,…,1]" just under the 512 KB body limit: about 262k items
        var body = "[" + string.Join(',', Enumerable.Repeat("1", items)) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(body) <= new ApiLimits().MaxBodyBytes);

        var response = await _api.Http.PostAsync($"/v1/users/{user}/events", new StringContent(body, Encoding.UTF8, "application/json"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"{Encoding.UTF8.GetByteCount(body)} request bytes ({items} items) -> {bytes.Length} response bytes");

        response.ShouldBeProblem(400);
        Assert.InRange(bytes.Length, 1, MaxProblemBytes);
        var problem = await response.JsonAsync();
        Assert.Equal(1, problem.GetProperty(ApiProblems.ErrorCountMember).GetInt32());
        Assert.Contains($"at most {MaxBatch} events (was {items})", problem.GetProperty("errors").GetProperty("events")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_batch_of_bad_events_lists_20_errors_and_counts_them_all()
    {
        var user = PersonalizationCluster.UniqueUser("amp");
        var batch = Enumerable.Range(0, MaxBatch).Select(i => new { eventId = $"b{i}", trackId = "t1", artistId = "a1", kind = "bogus" });

        var response = await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", new { events = batch });
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"{MaxBatch} invalid events -> {bytes.Length} response bytes");

        response.ShouldBeProblem(400);
        Assert.InRange(bytes.Length, 1, MaxProblemBytes);
        var problem = await response.JsonAsync();
        Assert.Equal(MaxBatch, problem.GetProperty(ApiProblems.ErrorCountMember).GetInt32());
        var listed = problem.GetProperty("errors").EnumerateObject().Sum(field => field.Value.GetArrayLength());
        Assert.Equal(ApiProblems.MaxListedErrors, listed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[0].kind", out _));
        Assert.Equal(0, (await cluster.User(user).GetProfileAsync()).Counters.Events);
    }
}
