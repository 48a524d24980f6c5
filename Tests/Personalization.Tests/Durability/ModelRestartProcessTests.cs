using Personalization.Abstractions;
using Personalization.Bench.Restore;
using Personalization.Tests.Durability.Processes;
using Xunit.Abstractions;

namespace Personalization.Tests.Durability;

/// <summary>
/// Azurite + 3 silo processes: the shared model (shards, trending, the silos' re-rankers) survives a kill -9 of every
/// silo from its checkpoints, and a rolling SIGTERM restart under load fails no call and loses no observation.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Trait("Requires", "Processes")]
[Collection(AzuriteCollection.Name)]
public sealed class ModelRestartProcessTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Listeners = 40;
    private const int TracksPerSession = 10;
    private static readonly string[] ColdReasons = ["trending", "popular"];

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Personalization__Model__Checkpoint__Interval"] = "00:00:01",
        ["Personalization__Ranker__MinExamples"] = "20",
        ["Personalization__Ranker__RetrainEvery"] = "20",
        ["Personalization__Ranker__MinRetrainInterval"] = "00:00:00",
        ["Personalization__Ranker__Trees"] = "20",
        ["Logging__LogLevel__Personalization.Grains.Model"] = "Information",
    };

    [Fact]
    public async Task After_kill_9_of_every_silo_the_model_is_restored_from_its_checkpoints()
    {
        await using var cluster = await ProcessCluster.StartAsync(azurite.ConnectionString, silos: 3, Settings);
        // A first round teaches the model; a second, once it is learned, gives every silo's re-ranker examples (a play
        // is an example only when the engine had it among its candidates).
        var taught = await TeachAsync(cluster, round: 0);
        Assert.Equal(taught, await ModelProbe.WaitForObservationsAsync(cluster.Client, taught, TimeSpan.FromSeconds(60)));
        taught += await TeachAsync(cluster, round: 1);
        Assert.Equal(taught, await ModelProbe.WaitForObservationsAsync(cluster.Client, taught, TimeSpan.FromSeconds(60)));
        await WaitAsync(() => ModelProbe.StoredRankerHasModelAsync(cluster.ConnectionString, cluster.ModelTable), "a re-ranker model stored");

        foreach (var silo in cluster.Silos.ToList()) await cluster.StopSiloAsync(silo, "KILL", TimeSpan.FromSeconds(20));
        for (var i = 0; i < 3; i++) await cluster.StartSiloAsync();
        await cluster.ReconnectClientAsync();

        Assert.Equal(taught, await ModelProbe.CheckpointShardsAsync(cluster.Client)); // nothing checkpointed was lost
        var cold = await cluster.Facade.RecommendAsync("cold-after", new RecommendRequest(10));
        Assert.Equal(10, cold.Items.Count);
        Assert.All(cold.Items, i => Assert.True(i.TrackId.StartsWith("mr-t", StringComparison.Ordinal) || i.TrackId.StartsWith("seed-", StringComparison.Ordinal), i.TrackId));
        Assert.All(cold.Items, i => Assert.Contains(i.ReasonCode, ColdReasons));
        var now = DateTimeOffset.UtcNow;
        await cluster.Facade.RecordAsync("after-seed", new ListenEvent("after-seed-1", "seed-1", "seed-artist", EventKind.Complete, now.AddMinutes(-3), 180_000, 180_000));
        var next = await cluster.Facade.RecommendAsync("after-seed", new RecommendRequest(10, At: now));
        Assert.Contains(next.Items, i => i.TrackId == "seed-2" && i.ReasonCode == "after-track" && i.Because == "seed-1");
        foreach (var silo in cluster.Silos)
        {
            var metrics = await silo.MetricsAsync();
            output.WriteLine($"silo {silo.SiloPort}: restored {PrometheusText.Value(metrics, "personalization_model_restored")}, restore {PrometheusText.Value(metrics, "personalization_model_restore_seconds"):F1} s, re-ranker trained on {PrometheusText.Value(metrics, "personalization_ranker_model_examples")} examples");
            Assert.Equal(1, PrometheusText.Value(metrics, "personalization_model_restored"));
            Assert.True(PrometheusText.Value(metrics, "personalization_ranker_model_examples") > 0, "the re-ranker is in service again");
        }
    }

    [Fact]
    public async Task A_rolling_sigterm_restart_under_load_fails_no_call_and_loses_no_observation()
    {
        await using var cluster = await ProcessCluster.StartAsync(azurite.ConnectionString, silos: 3, Settings);
        var streamer = new EventStreamer(cluster, users: 300, concurrency: 8);
        using var stop = new CancellationTokenSource();
        var streaming = streamer.RunAsync(stop.Token);
        await streamer.WaitForAllUsersAsync(1, TimeSpan.FromSeconds(120));
        var rollAt = streamer.Now;

        foreach (var old in cluster.Silos.ToList())
        {
            await cluster.StartSiloAsync();
            await cluster.StopSiloAsync(old, "TERM", TimeSpan.FromSeconds(60));
        }

        await streamer.WaitForAllUsersAsync(streamer.AcknowledgedPerUser.Max() + 1, TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await streaming;

        // Every acknowledged event is one new listening step, so one observation: the shards must hold them all.
        var learned = await ModelProbe.WaitForObservationsAsync(cluster.Client, streamer.TotalAcknowledged, TimeSpan.FromSeconds(60));
        var failures = streamer.Failures.Where(f => f.At >= rollAt).ToList();
        var redelivered = 0.0;
        foreach (var silo in cluster.Silos) redelivered += PrometheusText.Value(await silo.MetricsAsync(), "personalization_model_redelivered_total");
        output.WriteLine($"rolling SIGTERM restart of 3 silos: {streamer.TotalAcknowledged} events acknowledged in {streamer.Calls} calls, {failures.Count} failed calls, shards learned {learned} observations ({redelivered} redelivered and skipped)");
        Assert.Empty(failures);
        Assert.Equal(streamer.TotalAcknowledged, learned);
    }

    /// <summary>Listeners (of a round) who each play seed-1, seed-2, then 8 tracks; returns the observations taught.</summary>
    private static async Task<long> TeachAsync(ProcessCluster cluster, int round)
    {
        var start = DateTimeOffset.UtcNow.AddHours(round - 3);
        await Task.WhenAll(Enumerable.Range(0, Listeners).Select(async l =>
        {
            var events = new List<ListenEvent>();
            for (var k = 0; k < TracksPerSession; k++)
            {
                var (track, artist) = k switch
                {
                    0 => ("seed-1", "seed-artist"),
                    1 => ("seed-2", "seed-artist"),
                    _ => ($"mr-t{(l * 3 + k) % 30}", $"mr-a{(l + k) % 6}"),
                };
                events.Add(new ListenEvent($"teach-{round}-{l}-{k}", track, artist, EventKind.Complete, start.AddMinutes(l + 3 * k), 180_000, 180_000));
            }

            foreach (var e in events) await cluster.Facade.RecordAsync($"teacher-{round}-{l:D3}", e); // one by one: each play is a re-ranker example
        }));
        return Listeners * TracksPerSession;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within 60 s: {what}.");
            await Task.Delay(250); // another process writes it: poll the condition
        }
    }
}
