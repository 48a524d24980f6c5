using Personalization.Abstractions;
using Personalization.Abstractions.Diagnostics;
using Personalization.Engine.Load;

namespace Personalization.Bench.Perf;

/// <summary>The operations of the cluster scenarios, as calls through the Orleans client.</summary>
public sealed class GrainWorkloads(IClusterClient client, string runId)
{
    /// <summary>Diagnostics grain keys a ping is spread over (many activations, like many users).</summary>
    public const int PingKeys = 1024;

    /// <summary>The no-op call: what a grain call costs on this machine.</summary>
    public LoadRunner.Operation Ping() =>
        (caller, n) => client.GetGrain<IDiagnosticsGrain>((caller * 7919L + n) % PingKeys).PingAsync();

    /// <summary>One listening event per call, spread over <paramref name="users"/> distinct users, tracks from <paramref name="tracks"/>.</summary>
    public LoadRunner.Operation Ingest(string prefix, int users, TrackRange tracks, int concurrency) =>
        (caller, n) =>
        {
            var user = (int)((n * concurrency + caller) % users);
            var e = LoadEvents.Complete($"{runId}-{caller}-{n}", tracks.Next(user, n), DateTimeOffset.UtcNow);
            return client.GetGrain<IUserGrain>(LoadCatalog.UserId(prefix, user)).RecordAsync(e);
        };

    /// <summary>One event to each user in turn (<paramref name="nextUser"/> hands out 0, 1, ...); cancels <paramref name="done"/> after the last.</summary>
    public LoadRunner.Operation FirstEvents(string prefix, int users, TrackRange tracks, Func<long> nextUser, CancellationTokenSource done) =>
        (caller, n) =>
        {
            var user = nextUser();
            if (user >= users)
            {
                done.Cancel();
                return Task.CompletedTask;
            }

            var e = LoadEvents.Complete($"{runId}-f{user}", tracks.Next((int)user, 0), DateTimeOffset.UtcNow);
            return client.GetGrain<IUserGrain>(LoadCatalog.UserId(prefix, (int)user)).RecordAsync(e);
        };

    /// <summary>A top-10 next-track request for a warm user (in a session, 200-event history).</summary>
    public LoadRunner.Operation Recommend(string prefix, int users) =>
        (caller, n) => client.GetGrain<IUserGrain>(LoadCatalog.UserId(prefix, Pick(caller, n, users))).RecommendAsync(new RecommendRequest(10));

    /// <summary>80% listening events, 20% recommendations, over warm users.</summary>
    public LoadRunner.Operation Mixed(string prefix, int users, TrackRange tracks)
    {
        var recommend = Recommend(prefix, users);
        return (caller, n) =>
        {
            if (n % 5 == 4) return recommend(caller, n);
            var user = Pick(caller, n, users);
            var e = LoadEvents.Complete($"{runId}-m{caller}-{n}", tracks.Next(user, n), DateTimeOffset.UtcNow);
            return client.GetGrain<IUserGrain>(LoadCatalog.UserId(prefix, user)).RecordAsync(e);
        };
    }

    /// <summary>A user chosen by a fixed hash of (caller, n): every caller touches every part of the key space.</summary>
    public static int Pick(int caller, long n, int users)
    {
        var x = (ulong)(caller * 1_000_003L + n) * 0x9E3779B97F4A7C15UL;
        return (int)((x >> 32) % (ulong)users);
    }
}
