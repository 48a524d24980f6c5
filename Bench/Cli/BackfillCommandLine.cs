using System.CommandLine;
using Personalization.Bench.Reporting;
using Personalization.Bench.Backfill;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>backfill</c>: the import's events/s against the <c>ingest</c> scenario of the same run on the same silo process(es),
/// for two synthetic history shapes (25 and 200 rows per listener); memory mode, or Azure mode with <c>--azure</c>.
/// </summary>
internal sealed class BackfillCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("5,000 tracks, 1,000 ingest users, 1 s runs, 5,000 imported rows per shape");
    private readonly Option<bool> _azure = new("--azure") { Description = "Azure mode: Azurite and 3 silo processes (Azure Table clustering, snapshots, journal) instead of one silo with memory storage." };
    private readonly Option<string?> _json = JsonOutput.Option();

    public BackfillCommandLine()
    {
        Command = new Command("backfill", "Imported events/s (the import command's code, cold listeners, 25 and 200 rows per listener) as a "
            + "ratio to the warm one-event-per-call ingest of the same run, with CPU per event; starts its own silo(s).")
        {
            _quick, _azure, _json,
        };
        Command.SetAction(async (parse, cancellationToken) =>
        {
            var quick = parse.GetValue(_quick);
            var result = await BackfillBenchmark.RunAsync(quick ? BackfillSizes.Quick : BackfillSizes.Full, parse.GetValue(_azure), Console.Error);
            Console.Write(BackfillBenchmark.Render(result));
            if (parse.GetValue(_json) is { } json)
            {
                await JsonOutput.WriteAsync(json, BackfillJson.Render(result, quick), Console.Error, cancellationToken);
            }

            return 0;
        });
    }

    public Command Command { get; }
}
