using System.Net;
using System.Net.Http.Json;
using Personalization.Abstractions;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;

namespace Personalization.Tests.Security;

/// <summary>
/// Export returns everything stored (checked against a reload from storage), delete removes the user from storage,
/// and a batch retried over HTTP (as after a timeout) is counted once.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class PrivacyAndIdempotencyTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Fact]
    public async Task A_batch_retried_after_a_timeout_is_not_double_counted()
    {
        var user = PersonalizationCluster.UniqueUser("retry");
        var batch = new { events = Enumerable.Range(0, 5).Select(i => ApiRequests.Event(cluster, $"r{i}", $"retry-t{i}", minutesAgo: 10 - i)).ToArray() };

        var first = await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", batch);      // the reply is "lost"
        var retries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", batch)));
        var export = await _api.ClientFor(user).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.All(retries, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var retry in retries)
        {
            var result = await retry.Content.ReadFromJsonAsync<RecordResult>();
            Assert.Equal((0, 5), (result!.Applied, result.Duplicates));
        }

        Assert.Equal(5, export!.Counters.Events);
        Assert.Equal(5, export.Counters.Completes);
        Assert.Equal(5, export.Sequence);
        Assert.Equal(5, export.History.Count);
    }

    [Fact]
    public async Task Export_contains_every_recorded_event_and_matches_what_storage_holds()
    {
        var user = PersonalizationCluster.UniqueUser("export");
        var events = new object[]
        {
            ApiRequests.Event(cluster, "x1", "exp-t1", "play", 20),
            ApiRequests.Event(cluster, "x2", "exp-t2", "complete", 15),
            new { eventId = "x3", trackId = "exp-t3", artistId = "exp-b", kind = "skip", timestamp = cluster.Clock.Now.AddMinutes(-10), positionMs = 5000, durationMs = 200000 },
            new { eventId = "x4", trackId = "exp-t3", artistId = "exp-b", kind = "dislike", timestamp = cluster.Clock.Now.AddMinutes(-9) },
            new { eventId = "x5", trackId = "exp-t4", artistId = "exp-c", kind = "save", timestamp = cluster.Clock.Now.AddMinutes(-5) },
        };
        Assert.Equal(HttpStatusCode.OK, (await _api.ClientFor(user).PostAsJsonAsync($"/v1/users/{user}/events", new { events })).StatusCode);

        var live = await _api.ClientFor(user).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export");
        await cluster.DeactivateUserAsync(user);                    // the next export is rebuilt from storage
        var reloaded = await _api.ClientFor(user).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export");

        Assert.Equal(user, live!.UserId);
        Assert.Equal(5, live.Counters.Events);
        Assert.Equal(["exp-t1", "exp-t2", "exp-t3", "exp-t4"], live.History.Select(h => h.TrackId).Distinct());
        Assert.Contains(live.History, h => h.TrackId == "exp-t3" && h.Flags.Contains("disliked") && h.Flags.Contains("earlySkip"));
        Assert.Contains("exp-t3", live.BlockedTracks);
        Assert.Contains(live.ArtistAffinities, a => a.Id == "sec-artist");
        Assert.Equal(5, live.RememberedEventIdHashes.Count);
        Assert.Equal(5, live.JournalTail!.Count); // not yet covered by a snapshot: the raw events are listed too
        Assert.Empty(reloaded!.JournalTail!); // the deactivation wrote a snapshot that covers them
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(live with { JournalTail = null }), System.Text.Json.JsonSerializer.Serialize(reloaded with { JournalTail = null }));
    }

    [Fact]
    public async Task The_export_lists_the_raw_events_the_journal_holds_with_every_stored_field()
    {
        // Finding 7: the journal stores event ids, positions, durations and context that the state does not keep.
        var user = PersonalizationCluster.UniqueUser("tail");
        var skip = new
        {
            eventId = "raw-1", trackId = "raw-t1", artistId = "raw-a", kind = "skip", timestamp = cluster.Clock.Now.AddMinutes(-3),
            positionMs = 4000, durationMs = 180000, context = new { source = "radio", device = "car" },
        };
        Assert.Equal(HttpStatusCode.OK, (await _api.ClientFor(user).PostAsJsonAsync($"/v1/users/{user}/events", skip)).StatusCode);

        var export = await _api.ClientFor(user).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export");
        var json = await _api.ClientFor(user).GetStringAsync($"/v1/users/{user}/export");

        var stored = Assert.Single(export!.JournalTail!);
        Assert.Equal(("raw-1", "raw-t1", "raw-a", "skip"), (stored.EventId, stored.TrackId, stored.ArtistId, stored.Kind));
        Assert.Equal((4000, 180000), (stored.PositionMs, stored.DurationMs));
        Assert.Equal(("radio", "car"), (stored.Source, stored.Device));
        Assert.Contains("\"journalTail\":[{\"eventId\":\"raw-1\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_the_user_from_memory_and_storage()
    {
        var user = PersonalizationCluster.UniqueUser("forget");
        Assert.Equal(HttpStatusCode.OK, (await _api.ClientFor(user).PostEventAsync(cluster, user)).StatusCode);
        Assert.True(cluster.Journal.CountOf(user) > 0 || cluster.Storage.HoldsKey(user)); // journal until the first snapshot

        var delete = await _api.ClientWith(_api.Tokens.Admin()).DeleteAsync($"/v1/users/{user}");
        var export = await _api.ClientFor(user).GetFromJsonAsync<UserExport>($"/v1/users/{user}/export");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.False(cluster.Storage.HoldsKey(user));
        Assert.Equal(0, cluster.Journal.CountOf(user));
        Assert.Equal(0, export!.Sequence);
        Assert.Empty(export.History);
        Assert.Empty(export.RememberedEventIdHashes);
    }

    [Fact]
    public async Task Live_traffic_older_than_the_http_limit_is_refused_but_the_client_library_accepts_replays()
    {
        var user = PersonalizationCluster.UniqueUser("old");
        var old = new { eventId = "o1", trackId = "old-t1", artistId = "old-a1", kind = "play", timestamp = cluster.Clock.Now.AddDays(-31) };

        var response = await _api.Http.PostAsJsonAsync($"/v1/users/{user}/events", old);
        var problem = await response.JsonAsync();
        var replay = await cluster.User(user).RecordAsync(new ListenEvent("o1", "old-t1", "old-a1", EventKind.Play, cluster.Clock.Now.AddDays(-31)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("event.timestamp", out _), problem.ToString());
        Assert.Equal(1, replay.Applied);
    }
}
