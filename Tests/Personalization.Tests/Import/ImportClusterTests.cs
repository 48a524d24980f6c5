using Personalization.Abstractions;
using Personalization.Import;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Import;

/// <summary>
/// The import command's importer against the shared in-memory cluster: a second import changes nothing, bad rows are
/// reported with file and line (or stop a strict import), and history from 1995–2005 is imported and served from.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Import")]
[Trait("Requires", "None")]
public sealed class ImportClusterTests(PersonalizationCluster cluster) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2014, 4, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();

    private BackfillImporter Importer(TextWriter report, ImportOptions? options = null) =>
        new(cluster.Client, new RequestValidator(new ValidationLimits()), options ?? new ImportOptions { Wave = 100, Parallel = 8 }, report, cluster.Clock);

    [Fact]
    public async Task A_second_import_of_the_same_history_changes_nothing()
    {
        var prefix = PersonalizationCluster.UniqueUser("idem");
        // 300 plays per listener: more than the grain's event-id window (256) remembers.
        var file = _folder.Write("history.tsv", ImportLogs.Tsv(prefix, users: 3, sessions: 30, plays: 10, Start, TimeSpan.FromDays(2)));

        var first = await Importer(TextWriter.Null).RunAsync([file], _folder.File("first.json"));
        await cluster.SyncModelAsync();
        var before = await ImportedState.TextAsync(cluster, prefix, 3, sameIds: true);

        var second = await Importer(TextWriter.Null).RunAsync([file], _folder.File("second.json")); // a fresh checkpoint: every row is sent again
        await cluster.SyncModelAsync();
        var after = await ImportedState.TextAsync(cluster, prefix, 3, sameIds: true);

        Assert.True(first.Finished);
        Assert.Equal(900, first.Imported);
        Assert.Equal(0, second.Imported);
        Assert.Equal(900, second.AlreadyPresent);
        Assert.Equal(before, after); // profiles (counters included), exports and the model, unchanged
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_file_and_line_and_skipped()
    {
        var prefix = PersonalizationCluster.UniqueUser("bad");
        var good = ImportLogs.Rows(prefix, users: 2, sessions: 2, plays: 3, Start, TimeSpan.FromDays(1)).ToList();
        var tsv = _folder.Write("bad.tsv", string.Join('\n', [
            ImportLogs.Header, good[0], good[1],
            $"{prefix}-u0\tonly-three\tfields",                           // line 4
            good[2], $"{prefix}-u0\ts\t{prefix}-t1\tsoon\t{prefix}-a0",   // line 6
            $"{prefix}-u1\ts\t{prefix}-t1\t-5\t{prefix}-a0",              // line 7: 1969
            $"{prefix}-u1\ts\t{prefix}-t1\t1400000000\tnot/an/id",        // line 8: an artist id the grain refuses
            .. good[3..]]) + "\n");
        var jsonl = _folder.Write("bad.jsonl", string.Join('\n', [
            Json(prefix + "-u2", """{"eventId":"j1","trackId":"jt1","artistId":"ja1","kind":"complete","timestamp":"1999-05-01T10:00:00Z","positionMs":1000,"durationMs":1000}"""),
            "{not json",                                                  // line 2
            Json(prefix + "-u2", """{"trackId":"jt2","artistId":"ja1","kind":"play"}"""),                                 // line 3: no timestamp
            Json(prefix + "-u2", """{"trackId":"jt2","artistId":"ja1","kind":"dance","timestamp":"1999-05-01T10:05:00Z"}"""), // line 4: unknown kind
            Json(prefix + "-u2", """{"trackId":"jt2","artistId":"ja1","kind":"like","timestamp":"1999-05-01T10:06:00Z"}""")]) + "\n");
        var report = new StringWriter();

        var summary = await Importer(report).RunAsync([tsv, jsonl], _folder.File("bad.json"));
        var strict = await Importer(TextWriter.Null, new ImportOptions { Strict = true }).RunAsync([tsv], _folder.File("strict.json"));

        var text = report.ToString();
        Assert.True(summary.Finished);
        Assert.Equal(good.Count + 2, summary.Imported);
        Assert.Equal(5, summary.Unreadable);
        Assert.Equal(2, summary.Refused);
        Assert.Contains("skipped bad.tsv:4: expected 5 tab-separated fields, found 3.", text, StringComparison.Ordinal);
        Assert.Contains("skipped bad.tsv:6: Time 'soon' is not an integer", text, StringComparison.Ordinal);
        Assert.Contains("skipped bad.tsv:7: event.timestamp: must not be before 1970-01-01", text, StringComparison.Ordinal);
        Assert.Contains("skipped bad.tsv:8: event.artistId: may contain only", text, StringComparison.Ordinal);
        Assert.Contains("skipped bad.jsonl:2: is not valid JSON.", text, StringComparison.Ordinal);
        Assert.Contains("skipped bad.jsonl:3: event.timestamp: is required for an import.", text, StringComparison.Ordinal);
        Assert.Contains("skipped bad.jsonl:4: event.kind: must be one of", text, StringComparison.Ordinal);
        Assert.Equal(2, (await cluster.User(prefix + "-u2").GetProfileAsync()).Sequence);
        Assert.False(strict.Finished);
        Assert.Contains("bad.tsv:4:", strict.StoppedBecause, StringComparison.Ordinal);
        Assert.Equal(0, strict.Rows); // a strict import sends nothing of a file with an unreadable row
    }

    [Fact]
    public async Task History_from_1995_to_2005_is_imported_and_served_from()
    {
        var prefix = PersonalizationCluster.UniqueUser("y95");
        var file = _folder.Write("y1995.tsv.gz", "");
        await using (var gz = new System.IO.Compression.GZipStream(File.Create(file), System.IO.Compression.CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(gz))
        {
            await writer.WriteAsync(ImportLogs.Tsv(prefix, users: 5, sessions: 12, plays: 6, new DateTimeOffset(1995, 1, 10, 19, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(330)));
        }

        var summary = await Importer(TextWriter.Null).RunAsync([file], _folder.File("y1995.json"));
        await cluster.SyncModelAsync();

        Assert.Equal(360, summary.Imported);
        var export = await cluster.User(prefix + "-u0").ExportAsync();
        Assert.Equal(72, export.Sequence);
        Assert.Equal(2004, export.LastEventAt!.Value.Year);
        var during = await cluster.User(prefix + "-u0").RecommendAsync(new RecommendRequest(10, At: export.LastEventAt.Value.AddMinutes(2)));
        during.ShouldGiveReason(prefix + "-t" + ((0 + 11 + 6) % 12), "after-track"); // what all listeners played after the last track
        var today = await cluster.User(prefix + "-u0").RecommendAsync(new RecommendRequest(10));
        Assert.All(today.Items, i => Assert.True(double.IsFinite(i.Score)));
    }

    public void Dispose() => _folder.Dispose();

    private static string Json(string userId, string eventJson) => $$"""{"userId":"{{userId}}","event":{{eventJson}}}""";
}
