using Personalization.Bench.Cli;

namespace Personalization.Tests.Import;

/// <summary>
/// <c>Bench -- evaluate</c> on a session-rec log whose times start in 1995 (synthetic, written by the test): it replays
/// to the end through the grains and prints its table; an unreadable row and a row the engine refuses (1969) are
/// skipped, counted and named with their file and line.
/// </summary>
[Trait("Category", "Import")]
[Trait("Requires", "None")]
public sealed class HistoricalEvaluationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task A_log_from_1995_evaluates_to_the_end_and_counts_the_rows_it_skipped()
    {
        var rows = ImportLogs.Rows("ev", users: 6, sessions: 8, plays: 6, new DateTimeOffset(1995, 3, 1, 18, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(500)).ToList();
        var lines = new List<string> { ImportLogs.Header };
        lines.AddRange(rows.Take(10));
        lines.Add("ev-u0\tev-s0x0\tev-t3");                          // line 12: too few fields
        lines.AddRange(rows.Skip(10).Take(10));
        lines.Add("ev-u1\tev-s1x0\tev-t4\tlast-tuesday\tev-a1");    // line 23: a time that is not a number
        lines.Add("ev-u9\tev-s9x0\tev-t4\t-86400\tev-a1");           // line 24: 1969-12-31, before the grain's floor
        lines.AddRange(rows.Skip(20));
        var file = _folder.Write("from-1995.tsv", string.Join('\n', lines) + "\n");
        var json = _folder.File("report.json");
        var output = new StringWriter();

        var report = await EvaluateCommand.RunAsync(
            EvaluateArguments.Parse(["--events", file, "--warmup", "0.5", "--json", json]), output, new StringWriter());

        var table = output.ToString();
        Assert.Contains("All files", table, StringComparison.Ordinal);
        Assert.Contains("| engine ", table, StringComparison.Ordinal);
        var perFile = Assert.Single(report.PerFile);
        Assert.Equal(rows.Count + 1, perFile.Events); // every readable row was replayed, the refused one included
        Assert.Equal(2, perFile.UnreadableRows);
        Assert.Equal(1, perFile.RefusedRows);
        Assert.Contains("from-1995.tsv:12: expected 5 tab-separated fields, found 3.", table, StringComparison.Ordinal);
        Assert.Contains("from-1995.tsv:23: Time 'last-tuesday' is not an integer", table, StringComparison.Ordinal);
        Assert.Contains("from-1995.tsv:24: refused by engine:", table, StringComparison.Ordinal);
        Assert.Contains("Rows skipped: 2 unreadable, 1 refused by a model", table, StringComparison.Ordinal);
        var engine = report.Models.Single(m => m.Name == "engine");
        Assert.True(engine.N > 0);
        Assert.True(engine.Hr10 > 0); // the grains learned the 1995–2004 routes: history is not refused any more
        Assert.Contains("\"refusedRows\": 1", await File.ReadAllTextAsync(json), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
