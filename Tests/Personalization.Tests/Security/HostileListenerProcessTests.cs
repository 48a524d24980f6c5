using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Personalization.Abstractions.Diagnostics;
using Personalization.Bench.Perf;
using Personalization.Client.Security;
using Personalization.Grains.Hosting;
using Personalization.Testing.Processes;
using Xunit.Abstractions;

namespace Personalization.Tests.Security;

/// <summary>
/// A real silo process (embedded defaults) and its real HTTP pipeline: one listener token posts batches of fresh random
/// track and artist ids at its full rate limit for a minute. The silo's heap stays bounded (ids only that listener named
/// are not admitted to the model and are reclaimed when its state drops them), and other listeners are served meanwhile.
/// </summary>
[Trait("Category", "Security")]
[Trait("Requires", "Processes")]
public sealed class HostileListenerProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Flood = TimeSpan.FromSeconds(60);
    private const long MaxHeapGrowth = 100L * 1024 * 1024;
    private const int Batch = 500;
    private const int Senders = 4;

    [Fact]
    public async Task Fresh_ids_at_the_full_rate_limit_for_a_minute_grow_the_heap_by_at_most_100_MB_and_refuse_no_one_else()
    {
        var ports = SiloPorts.Free();
        using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Personalization__Silo__PrimarySiloPort"] = ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture), // a cluster of its own
            ["Personalization__Auth__UseDevelopmentKey"] = "true",
            ["Personalization__Diagnostics__AllowForcedCollection"] = "true", // GetHeapAsync(collect: true) for this test
            ["Personalization__Silo__ServeApi"] = "true", // the public API on this silo, as the embedded default serves it
        }, ports);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        await using var client = await PerfClient.ConnectAsync(silo.GatewayPort, new SiloSettings().ClusterId);
        var diagnostics = client.Grains.GetGrain<IDiagnosticsGrain>(0);
        var tokens = new TokenIssuer(new AuthOptions().Issuer, new AuthOptions().Audience, Encoding.UTF8.GetBytes(DevelopmentKey.Value));
        var attacker = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        using var hostile = Http(silo.HttpPort, tokens.Listener(attacker));

        await PostFreshAsync(hostile, attacker, 0); // warm-up: every code path of an event has run once
        var before = await diagnostics.GetHeapAsync(collect: true);

        using var stop = new CancellationTokenSource(Flood);
        var counts = new FloodCounts();
        var senders = Enumerable.Range(0, Senders).Select(s => FloodAsync(hostile, attacker, s, counts, stop.Token)).ToArray();
        var others = await ServeOthersAsync(silo.HttpPort, tokens, stop.Token);
        await Task.WhenAll(senders);

        var after = await diagnostics.GetHeapAsync(collect: true);
        var growth = after.HeapBytes - before.HeapBytes;
        output.WriteLine($"flood: {counts.Accepted:N0} events accepted in {counts.Ok:N0} requests, {counts.Limited:N0} limited (429), {counts.Other:N0} other; others: {others.Ok} ok of {others.Total}");
        output.WriteLine($"heap {before.HeapBytes / 1e6:F1} MB -> {after.HeapBytes / 1e6:F1} MB (growth {growth / 1e6:F1} MB); working set {after.WorkingSetBytes / 1e6:F1} MB");

        Assert.True(counts.Accepted >= 20 * Batch, $"the flood must reach the grains: {counts.Accepted} events accepted");
        Assert.True(counts.Limited > 0, "the caller was held at its rate limit");
        Assert.Equal(0, counts.Other);
        Assert.True(growth <= MaxHeapGrowth, $"heap grew by {growth / 1e6:F1} MB");
        Assert.True(others.Total > 0);
        Assert.Equal(others.Total, others.Ok);
    }

    private static async Task FloodAsync(HttpClient http, string attacker, int sender, FloodCounts counts, CancellationToken stop)
    {
        var n = 1 + sender * 1_000_000;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var status = await PostFreshAsync(http, attacker, n++, stop);
                counts.Count(status);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>A batch of <see cref="Batch"/> completes of ids nobody else ever named.</summary>
    private static async Task<HttpStatusCode> PostFreshAsync(HttpClient http, string attacker, int batch, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new object[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            events[i] = new { eventId = $"{batch}-{i}", trackId = "t-" + id, artistId = "a-" + id, kind = "complete", timestamp = now.AddMilliseconds(i - Batch), positionMs = 180_000, durationMs = 180_000 };
        }

        using var response = await http.PostAsJsonAsync($"/v1/users/{attacker}/events", events, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Other listeners record and ask for recommendations, four times a second, while the flood runs.</summary>
    private static async Task<(int Ok, int Total)> ServeOthersAsync(int httpPort, TokenIssuer tokens, CancellationToken stop)
    {
        var (ok, total) = (0, 0);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            for (var i = 0; await timer.WaitForNextTickAsync(stop); i++)
            {
                var user = $"calm-{i % 8}";
                using var http = Http(httpPort, tokens.Listener(user));
                var e = new { eventId = $"calm-{i}", trackId = $"calm-t{i % 20}", artistId = "calm-a", kind = "complete", timestamp = DateTimeOffset.UtcNow.AddMinutes(-1), positionMs = 180_000, durationMs = 180_000 };
                using var recorded = await http.PostAsJsonAsync($"/v1/users/{user}/events", e, CancellationToken.None);
                using var recommended = await http.GetAsync(new Uri($"/v1/users/{user}/recommendations?count=10", UriKind.Relative), CancellationToken.None);
                total += 2;
                ok += (recorded.IsSuccessStatusCode ? 1 : 0) + (recommended.IsSuccessStatusCode ? 1 : 0);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the flood is over
        }

        return (ok, total);
    }

    private static HttpClient Http(int port, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private sealed class FloodCounts
    {
        private long _ok, _limited, _other;

        public long Ok => Interlocked.Read(ref _ok);
        public long Limited => Interlocked.Read(ref _limited);
        public long Other => Interlocked.Read(ref _other);
        public long Accepted => Ok * Batch;

        public void Count(HttpStatusCode status)
        {
            if (status == HttpStatusCode.OK) Interlocked.Increment(ref _ok);
            else if (status == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref _limited);
            else Interlocked.Increment(ref _other);
        }
    }
}
