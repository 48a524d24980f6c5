using System.CommandLine;
using Personalization.Bench.Catalog;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>catalog</c>: catalogue import (tracks/s), silo cache bytes per track, and recommend p50/p99 with market and explicit
/// filters against none; exit code 1 when the filtered p50 is more than 1.2 × the unfiltered one.
/// </summary>
internal sealed class CatalogCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("50,000 tracks, 2,000 requests");
    private readonly Option<int?> _tracks = SharedOptions.Count("--tracks", "Tracks imported (default: 1,000,000, or 50,000 with --quick).");
    private readonly Option<int?> _requests = SharedOptions.Count("--requests", "Recommend requests per measured case (default: 20,000, or 2,000 with --quick).");

    public CatalogCommandLine()
    {
        Command = new Command("catalog", "Catalogue import rate, silo cache bytes per track, and recommend p50/p99 with market and explicit "
            + "filters against none (fails when the filtered p50 exceeds 1.2 × the unfiltered).")
        {
            _quick, _tracks, _requests,
        };
        Command.SetAction(async (parse, _) =>
        {
            var quick = parse.GetValue(_quick);
            var catalog = await CatalogBenchmark.RunAsync(parse.GetValue(_tracks) ?? (quick ? 50_000 : 1_000_000), parse.GetValue(_requests) ?? (quick ? 2_000 : 20_000), Console.Out);
            Console.WriteLine(CatalogBenchmark.Render(catalog));
            return catalog.P50Ratio <= 1.2 ? 0 : 1;
        });
    }

    public Command Command { get; }
}
