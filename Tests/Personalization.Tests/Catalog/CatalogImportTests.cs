using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Client.Facade;
using Personalization.Import;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Import;

namespace Personalization.Tests.Catalog;

/// <summary>The catalogue import (<c>import --catalog FILE</c>) against the shared cluster: idempotent, and bad lines reported with line and field.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Catalog")]
[Trait("Requires", "None")]
public sealed class CatalogImportTests(PersonalizationCluster cluster) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private CatalogImporter Importer(TextWriter report, bool strict = false)
    {
        var validator = new CatalogValidator(new RequestValidator(new ValidationLimits()));
        return new CatalogImporter(new CatalogClient(cluster.Client, validator), validator, new ImportOptions { Batch = 50, Parallel = 4, Strict = strict }, report);
    }

    private static string Line(string track, string artist, string markets = "\"SE\"", bool isExplicit = false) =>
        $$"""{"trackId":"{{track}}","artists":[{"id":"{{artist}}","name":"Artist {{artist}}"}],"markets":[{{markets}}],"explicit":{{(isExplicit ? "true" : "false")}},"releaseDate":"2026-10-01","durationMs":180000}""";

    [Fact]
    public async Task A_second_import_of_the_same_catalogue_changes_nothing_and_a_changed_line_changes_one_track()
    {
        var prefix = PersonalizationCluster.UniqueUser("ci");
        var lines = Enumerable.Range(0, 300).Select(i => Line($"{prefix}-t{i}", $"{prefix}-a{i % 7}")).ToList();
        var file = _folder.Write("catalog.jsonl", string.Join('\n', lines) + "\n");

        var first = await Importer(TextWriter.Null).RunAsync([file]);
        var second = await Importer(TextWriter.Null).RunAsync([file]);
        lines[17] = Line($"{prefix}-t17", $"{prefix}-a3", "\"NO\"");
        var third = await Importer(TextWriter.Null).RunAsync([_folder.Write("catalog2.jsonl", string.Join('\n', lines))]);

        Assert.True(first.Finished);
        Assert.Equal((300, 0), (first.Changed, first.Unchanged));
        Assert.Equal((0, 300), (second.Changed, second.Unchanged));
        Assert.Equal((1, 299), (third.Changed, third.Unchanged));
        await cluster.Catalog.SyncAsync();
        var index = cluster.SiloServices().First().GetService(typeof(Grains.Catalog.CatalogCache)) as Grains.Catalog.CatalogCache;
        Assert.True(index!.Index.Allows($"{prefix}-t17", "NO", true));
        Assert.False(index.Index.Allows($"{prefix}-t17", "SE", true));
    }

    [Fact]
    public async Task Bad_lines_are_reported_with_line_and_field_and_skipped()
    {
        var prefix = PersonalizationCluster.UniqueUser("cb");
        var file = _folder.Write("bad.jsonl", string.Join('\n', [
            Line($"{prefix}-t0", "a"),
            "{not json",                                                   // line 2
            Line($"{prefix}-t2", "a", "\"Sweden\""),                       // line 3
            "",
            $$"""{"trackId":"{{prefix}}-t4","artists":[{"id":"a"}],"markets":["SE"],"durationMs":"long"}""", // line 5
            $$"""{"trackId":"{{prefix}}-t5","markets":["SE"]}""",                                               // line 6
            Line($"{prefix}-t6", "a")]));
        using var report = new StringWriter();

        var summary = await Importer(report).RunAsync([file]);
        var text = report.ToString();

        Assert.Equal((2, 4), (summary.Changed, summary.Refused));
        Assert.Contains("bad.jsonl:2: line: is not valid JSON", text, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: track.markets[0]:", text, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:5: track.durationMs:", text, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:6: track.artists:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strict_import_stops_at_the_first_bad_line()
    {
        var prefix = PersonalizationCluster.UniqueUser("cs");
        var file = _folder.Write("strict.jsonl", string.Join('\n', [Line($"{prefix}-t0", "a"), Line($"{prefix}-t1", "a", "\"se\""), Line($"{prefix}-t2", "a")]));

        var summary = await Importer(TextWriter.Null, strict: true).RunAsync([file]);

        Assert.False(summary.Finished);
        Assert.Contains("strict.jsonl:2", summary.StoppedBecause, StringComparison.Ordinal);
        Assert.Equal(2, summary.Rows);
    }

    public void Dispose() => _folder.Dispose();
}
