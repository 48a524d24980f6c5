using System.CommandLine;

namespace Personalization.Bench.Cli;

/// <summary>The Bench command line: one subcommand per benchmark, each defined in its own <c>*CommandLine</c> file.</summary>
public static class BenchCommandLine
{
    public static RootCommand Create() => new("Personalization.Bench: offline evaluation of the engine and the benchmarks of the cluster. "
        + "Run from the repository root: dotnet run -c Release --project Bench -- COMMAND [options]; COMMAND --help shows its options.")
    {
        new EvaluateCommandLine().Command,
        new RerankHeadroomCommandLine().Command,
        new PerfCommandLine().Command,
        new DurableCommandLine().Command,
        new RestoreCommandLine().Command,
        new ModelMemoryCommandLine().Command,
        new CatalogCommandLine().Command,
        new BackfillCommandLine().Command,
        new ScaleCommandLine().Command,
        new ScaleIngestCommandLine().Command,
        new RankerScoreCommandLine().Command,
    };
}
