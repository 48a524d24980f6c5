using System.Text.Json;
using Personalization.Abstractions;
using Personalization.Import;
using Personalization.Testing;

namespace Personalization.Tests.Import;

/// <summary>
/// Imported plays teach exactly what live events teach: the same history imported (in strict event-time order) into
/// one cluster and sent event by event through the Orleans client (<see cref="IUserGrain.RecordAsync"/>, as the gateway
/// does) into another gives every listener the same profile and the same recommendations, and both clusters the same
/// shared model. Imported with listeners in parallel (the default), every listener's own state is the same too.
/// Each cluster is an <see cref="AdmitAllCluster"/> (why: see there).
/// </summary>
[Trait("Category", "Import")]
[Trait("Requires", "None")]
public sealed class ImportEquivalenceTests : IAsyncLifetime, IDisposable
{
    private const string Prefix = "eq";
    private const string ParallelPrefix = "eqp";
    private const int Users = 6;
    private readonly PersonalizationTestCluster _imported = AdmitAllCluster.Create();
    private readonly PersonalizationTestCluster _live = AdmitAllCluster.Create();
    private readonly TemporaryFolder _folder = new();

    public async Task InitializeAsync() => await Task.WhenAll(_imported.InitializeAsync(), _live.InitializeAsync());

    [Fact]
    public async Task After_an_import_a_listener_gets_what_the_same_events_sent_one_by_one_give()
    {
        var file = _folder.Write("history.tsv", ImportLogs.Tsv(Prefix, Users, sessions: 5, plays: 7, new DateTimeOffset(2014, 5, 1, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(20)));
        var summary = await new BackfillImporter(_imported.Client, new RequestValidator(new ValidationLimits()), new ImportOptions { Wave = 40, Ordered = true }, TextWriter.Null, _imported.Clock)
            .RunAsync([file], _folder.File("checkpoint.json"));

        var rows = ImportSource.Read(file).Rows;
        foreach (var row in rows) await _live.User(row.UserId).RecordAsync(row.Event); // the live path, in event-time order
        await Task.WhenAll(_imported.SyncModelAsync(), _live.SyncModelAsync());

        Assert.Equal(rows.Count, summary.Imported);
        var at = rows.Max(r => r.Event.Timestamp).AddMinutes(1); // the last sessions are still running
        var profiles = new Dictionary<string, string>();
        foreach (var user in ImportLogs.Users(Prefix, Users))
        {
            profiles[user] = JsonSerializer.Serialize(await _live.User(user).GetProfileAsync());
            Assert.Equal(profiles[user], JsonSerializer.Serialize(await _imported.User(user).GetProfileAsync()));
            var imported = await _imported.User(user).RecommendAsync(new RecommendRequest(10, At: at));
            var live = await _live.User(user).RecommendAsync(new RecommendRequest(10, At: at));
            Assert.NotEmpty(imported.Items);
            Assert.Equal(JsonSerializer.Serialize(live.Items), JsonSerializer.Serialize(imported.Items));
        }

        Assert.Equal(Fingerprint(_live), Fingerprint(_imported));

        // The default import (listeners in parallel) of the same history under other ids: the same listeners and model.
        var parallelFile = _folder.Write("parallel.tsv", ImportLogs.Tsv(ParallelPrefix, Users, sessions: 5, plays: 7, new DateTimeOffset(2014, 5, 1, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(20)));
        await new BackfillImporter(_imported.Client, new RequestValidator(new ValidationLimits()), new ImportOptions { Wave = 40, Parallel = 6 }, TextWriter.Null, _imported.Clock)
            .RunAsync([parallelFile], _folder.File("parallel.json"));
        foreach (var user in ImportLogs.Users(Prefix, Users))
        {
            var parallel = JsonSerializer.Serialize(await _imported.User(ParallelPrefix + user[Prefix.Length..]).GetProfileAsync());
            Assert.Equal(profiles[user], parallel.Replace(ParallelPrefix + "-", Prefix + "-", StringComparison.Ordinal));
        }

        await _imported.SyncModelAsync();
        Assert.Equal(Fingerprint(_live, Prefix, trending: false), Fingerprint(_imported, ParallelPrefix, trending: false).Replace(ParallelPrefix + "-", Prefix + "-", StringComparison.Ordinal));
    }

    public async Task DisposeAsync() => await Task.WhenAll(_imported.DisposeAsync(), _live.DisposeAsync());

    public void Dispose() => _folder.Dispose();

    private static string Fingerprint(PersonalizationTestCluster cluster, string prefix = Prefix, bool trending = true) =>
        string.Concat(cluster.SiloServices().Select(s => ModelFingerprint.Of(s, ImportLogs.Tracks(prefix), ImportLogs.Artists(prefix), trending)));
}
