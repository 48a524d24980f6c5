using System.CommandLine;
using Personalization.Bench.Reporting;
using System.CommandLine.Parsing;
using System.Globalization;
using Personalization.Bench.Perf;

namespace Personalization.Bench.Cli;

/// <summary><c>perf</c>: throughput, latency, memory and scale of the real silo host, driven over loopback (<see cref="PerfCommand"/>).</summary>
public sealed class PerfCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("short runs at small sizes");
    private readonly Option<string?> _json = JsonOutput.Option();

    private readonly Option<string?> _report = new("--report")
    {
        Description = "Where the Markdown report goes (default: artifacts/perf/perf.md, or artifacts/perf/perf-quick.md with --quick).",
        HelpName = "OUT.md",
    };

    private readonly Option<string[]?> _only = new("--only")
    {
        Description = "Run only these scenarios, comma-separated (default: all): " + string.Join(", ", PerfArguments.AllScenarios) + ".",
        HelpName = "ping,ingest,...",
        CustomParser = Scenarios,
    };

    private readonly Option<int[]?> _memoryUsers = new("--memory-users")
    {
        Description = "Users activated by the memory scenario, comma-separated (default: 100000,1000000).",
        HelpName = "N,N,...",
        CustomParser = Numbers,
    };

    private readonly Option<int[]?> _catalog = new("--catalog")
    {
        Description = "Model sizes (tracks) of the catalog scenario, comma-separated; the first and the last are compared (default: 10000,100000,1000000).",
        HelpName = "N,N,...",
        CustomParser = Numbers,
    };

    private readonly Option<int?> _seconds = SharedOptions.Count("--seconds", "Measured seconds of each run (default: 8, or the --quick size).");

    public PerfCommandLine()
    {
        Command = new Command("perf", "Throughput, latency, memory and scale: starts the real silo host as a separate process (plus Azurite "
            + "and Redis for the scenarios that need them) and drives it over loopback; writes a Markdown report.")
        {
            _quick, _json, _report, _only, _memoryUsers, _catalog, _seconds,
        };
        Command.SetAction(async (parse, _) =>
        {
            await PerfCommand.RunAsync(Read(parse.CommandResult), Console.Out, Console.Error);
            return 0;
        });
    }

    public Command Command { get; }

    public PerfArguments Read(CommandResult result)
    {
        var quick = result.GetValue(_quick);
        var sizes = quick ? PerfSizes.Quick : PerfSizes.Full;
        // An array option that is not on the line reads as an empty array, not null: empty means "not given" here
        // (read as null, `perf` without --only ran no scenario at all).
        if (result.GetValue(_memoryUsers) is { Length: > 0 } users) sizes = sizes with { MemoryUsers = users };
        if (result.GetValue(_catalog) is { Length: > 0 } tracks) sizes = sizes with { CatalogTracks = tracks };
        if (result.GetValue(_seconds) is { } seconds) sizes = sizes with { Duration = TimeSpan.FromSeconds(seconds) };
        var report = result.GetValue(_report) ?? Path.Combine("artifacts", "perf", quick ? "perf-quick.md" : "perf.md");
        var only = result.GetValue(_only) is { Length: > 0 } named ? named : PerfArguments.AllScenarios;
        return new PerfArguments(sizes, quick, result.GetValue(_json), report, new HashSet<string>(only));
    }

    private static string[]? Scenarios(ArgumentResult result)
    {
        string[] only = [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        var unknown = only.Except(PerfArguments.AllScenarios).ToList();
        if (unknown.Count > 0) result.AddError($"Unknown scenario(s): {string.Join(", ", unknown)}.");
        return only;
    }

    private static int[]? Numbers(ArgumentResult result)
    {
        var values = new List<int>();
        foreach (var v in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0) values.Add(n);
            else result.AddError($"'{v}' is not a positive number.");
        }

        if (values.Count == 0) result.AddError("Expected at least one number.");
        return [.. values];
    }
}
