using System.Net.Http.Json;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Engine.Synthetic;
using Personalization.Testing;
using Personalization.Tests.Security;

namespace Personalization.Tests.Catalog;

/// <summary>A cluster whose catalogue is Strict.</summary>
public sealed class StrictCatalogCluster() : PersonalizationCluster(StrictSettings())
{
    private static TestClusterSettings StrictSettings()
    {
        var settings = new TestClusterSettings { Silos = 1 };
        settings.Configuration["Personalization:Catalog:Mode"] = "Strict";
        return settings;
    }
}

/// <summary>Catalog:Mode = Strict: an event naming a track the catalogue does not know is refused, and nothing of its batch is applied.</summary>
[Trait("Category", "Catalog")]
[Trait("Requires", "None")]
public sealed class StrictCatalogTests(StrictCatalogCluster cluster) : IClassFixture<StrictCatalogCluster>
{
    [Fact]
    public async Task A_batch_naming_an_unknown_track_is_refused_over_the_client_and_nothing_is_applied()
    {
        var known = PersonalizationCluster.UniqueUser("known");
        await cluster.Catalog.UpsertAsync(ClusterCatalog.Track(known, "strict-artist"));
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("strict")).Complete(known, "strict-artist").Complete("never-catalogued", "strict-artist");

        var refused = await Assert.ThrowsAsync<CatalogRefusedException>(() => listener.SendAsync());
        var profile = await listener.ProfileAsync();

        Assert.Equal("events[1].trackId", Assert.Single(refused.Errors).Field);
        Assert.Equal(0, profile.Counters.Events);
        Assert.Equal(1, (await cluster.Listener(listener.UserId).Complete(known, "strict-artist").SendAsync()).Applied); // a known track is accepted
    }

    [Fact]
    public async Task Over_http_the_refusal_is_a_422_problem_naming_the_field()
    {
        await using var api = await PersonalizationApiHost.StartAsync(cluster);
        var user = PersonalizationCluster.UniqueUser("strict-http");
        var known = PersonalizationCluster.UniqueUser("known");
        await cluster.Catalog.UpsertAsync(ClusterCatalog.Track(known, "strict-artist"));
        var at = cluster.Clock.Now.AddMinutes(-5);
        var events = new[]
        {
            new { eventId = "s1", trackId = known, artistId = "strict-artist", kind = "complete", timestamp = at, positionMs = 200000, durationMs = 200000 },
            new { eventId = "s2", trackId = "not-in-catalogue", artistId = "strict-artist", kind = "complete", timestamp = at.AddMinutes(1), positionMs = 200000, durationMs = 200000 },
        };

        var response = await api.Http.PostAsJsonAsync($"/v1/users/{user}/events", new { events });
        var profile = await cluster.User(user).GetProfileAsync();

        response.ShouldBeProblem(422);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("events[1].trackId", out _));
        Assert.Equal(0, profile.Counters.Events);
    }

    [Fact]
    public async Task A_history_import_reports_rows_naming_unknown_tracks_and_imports_the_rest()
    {
        using var folder = new Import.TemporaryFolder();
        var known = PersonalizationCluster.UniqueUser("known");
        var user = PersonalizationCluster.UniqueUser("strict-import");
        await cluster.Catalog.UpsertAsync(ClusterCatalog.Track(known, "strict-artist"));
        var file = folder.Write("strict.tsv", string.Join('\n', [
            Import.ImportLogs.Header,
            $"{user}\ts1\t{known}\t1400000000\tstrict-artist",
            $"{user}\ts1\tnot-in-catalogue\t1400000200\tstrict-artist"]) + "\n");
        using var report = new StringWriter();

        var summary = await new Personalization.Import.BackfillImporter(cluster.Client, new RequestValidator(new ValidationLimits()), new Personalization.Import.ImportOptions(), report, cluster.Clock)
            .RunAsync([file], folder.File("checkpoint.json"));

        Assert.Equal((1, 1), (summary.Imported, summary.Refused));
        Assert.Contains("strict.tsv:3", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("not in the catalogue", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kit_loads_a_synthetic_worlds_catalogue_so_its_plays_are_accepted_and_its_markets_hold()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Seed = 11, Listeners = 12, SessionsPerListener = 2, Start = cluster.Clock.Now.AddDays(-2) });

        var loaded = await cluster.Catalog.LoadAsync(world);
        var again = await cluster.Catalog.LoadAsync(world);
        var recorded = await cluster.SeedAsync(world); // Strict: a play of a track the catalogue lacks would be refused
        var listener = world.Listeners[0].UserId;
        var open = await cluster.User(listener).RecommendAsync(new RecommendRequest(30));
        var inUs = await cluster.User(listener).RecommendAsync(new RecommendRequest(30, Market: "US"));

        Assert.Equal(world.Catalog.Tracks.Count, loaded.Changed + loaded.Unchanged);
        Assert.Equal(0, again.Changed); // idempotent
        Assert.Equal(world.Events().Count(), recorded);
        Assert.Equal(recorded, (await Task.WhenAll(world.Listeners.Select(l => cluster.User(l.UserId).GetProfileAsync()))).Sum(p => p.Counters.Events));
        Assert.Contains(open.Items, r => cluster.Catalog.Written[r.TrackId] is { } e && !e.Markets.Contains("US") && !e.Markets.Contains(Markets.All));
        Assert.NotEmpty(inUs.Items);
        inUs.ShouldOnlyContainPlayableIn("US", cluster.Catalog);
    }
}
