using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Personalization.Abstractions;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Xunit.Abstractions;

namespace Personalization.Tests.Security;

/// <summary>
/// 10,000 seeded malformed or hostile requests through the real pipeline: no response is a 5xx, and a control user's
/// stored state is unchanged.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class FuzzTests(PersonalizationCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Requests = 10_000;
    private const int Seed = 20261125;
    private const int Parallelism = 8;

    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await PersonalizationApiHost.StartAsync(cluster, new Dictionary<string, string?>
    {
        [$"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.CallerPermitsPerWindow)}"] = "1000000",
        [$"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.ServicePermitsPerWindow)}"] = "1000000",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_and_leave_a_control_user_unchanged()
    {
        var control = PersonalizationCluster.UniqueUser("control");
        await cluster.Listener(control).Complete("ctl-t1", "ctl-a1").Like("ctl-t1", "ctl-a1").Complete("ctl-t2", "ctl-a2").SendAsync();
        var before = await ExportAsync(control);
        var tokens = new ConcurrentDictionary<string, string>();
        var generator = new HostileRequests(Seed, control, u => tokens.GetOrAdd(u, _api.Tokens.Listener), _api.Tokens.Service(), _api.Tokens.Admin());
        var requests = new HttpRequestMessage[Requests];
        for (var i = 0; i < Requests; i++) requests[i] = generator.Next();

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var http = _api.ClientWith(null);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, ct) =>
        {
            var description = $"{request.Method} {Truncate(request.RequestUri?.OriginalString)} ({request.Content?.Headers.ContentType})";
            using var response = await http.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if ((int)response.StatusCode >= 500) failures.Enqueue($"{(int)response.StatusCode} {description}: {Truncate(await response.Content.ReadAsStringAsync(ct))}");
            request.Dispose();
        });
        clock.Stop();
        var after = await ExportAsync(control);

        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} responses were 5xx, e.g.\n{string.Join('\n', failures.Take(5))}");
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(statuses.Keys.Count(s => s is >= 400 and < 500) >= 5, "the fuzz should provoke many kinds of 4xx");
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
    }

    private async Task<UserExport> ExportAsync(string user) =>
        (await _api.ClientWith(_api.Tokens.Admin()).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export"))!;

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 160 ? text : text[..160] + "…";
}
