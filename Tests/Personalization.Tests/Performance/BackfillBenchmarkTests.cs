using System.Text.Json;
using Personalization.Bench.Backfill;

namespace Personalization.Tests.Performance;

/// <summary>
/// Smoke test of <c>Bench -- backfill --quick</c> (and <c>--azure</c>): real silo processes (one in memory mode; Azurite
/// and three in Azure mode), the ingest scenario and both history shapes imported through the import command's code.
/// Asserts that every step ran without errors, every row was imported, and the JSON carries every key — never how fast
/// (the machine is shared).
/// </summary>
[Trait("Category", "Performance")]
[Trait("Requires", "Azurite")]
[Trait("Requires", "Processes")]
[Collection(PerformanceCollection.Name)]
public sealed class BackfillBenchmarkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_backfill_benchmark_measures_ingest_and_imports_every_row_of_both_shapes(bool azure)
    {
        var sizes = BackfillSizes.Quick;
        var log = new StringWriter();

        var result = await BackfillBenchmark.RunAsync(sizes, azure, log);

        Assert.Equal(azure ? "azure" : "memory", result.Mode);
        Assert.Equal(azure ? BackfillCluster.AzureSilos : 1, result.Silos);
        foreach (var ingest in new[] { result.FirstEvents, result.Ingest })
        {
            Assert.True(ingest.Operations > 0 && ingest.Errors == 0, $"{ingest.Scenario}: {ingest.Operations} ops, {ingest.Errors} errors ({ingest.FirstError})\n{log}");
        }

        Assert.Equal((azure ? sizes.ForAzure() : sizes).Shapes, result.Imports.Select(i => i.Shape));
        foreach (var run in result.Imports)
        {
            Assert.Equal(run.Shape.Rows, run.Rows);
            Assert.Equal(run.Shape.Rows, run.Imported); // fresh listeners: every row is new
            Assert.Equal(0, run.Skipped);
            Assert.Equal(run.Shape.Listeners, run.Listeners);
            Assert.True(run.EventsPerSecond > 0 && result.VsIngest(run) > 0, log.ToString());
        }

        using var json = JsonDocument.Parse(BackfillJson.Render(result, quick: true));
        var ratios = json.RootElement.GetProperty("ratios");
        foreach (var key in new[] { "import_25_per_listener_vs_ingest", "import_200_per_listener_vs_ingest" }) Assert.Equal(JsonValueKind.Number, ratios.GetProperty(key).ValueKind);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("ingest").GetProperty("events_per_s").ValueKind);
        Assert.Contains("import 200-per-listener", BackfillBenchmark.Render(result), StringComparison.Ordinal);
    }
}
