using System.Text.RegularExpressions;
using Personalization.Bench.Cli;
using Personalization.Bench.Perf;
using Personalization.Tests.Operations;

namespace Personalization.Tests.Quality;

/// <summary>
/// The Bench command line (System.CommandLine): every <c>dotnet run … --project Bench -- …</c> line of the docs parses
/// without an error, the former environment switches are options, and a bad line is refused.
/// </summary>
[Trait("Category", "Contract")]
[Trait("Requires", "None")]
public sealed partial class BenchCommandLineTests
{
    private static readonly string[] Docs = ["README.md", "BENCHMARKS.md", "RELIABILITY.md", "OPERATIONS.md", "docs"];

    [Fact]
    public void Every_documented_bench_command_line_parses()
    {
        var lines = DocumentedCommandLines().ToList();
        var failures = lines
            .Select(line => (line, errors: BenchCommandLine.Create().Parse(Arguments(line)).Errors))
            .Where(p => p.errors.Count > 0)
            .Select(p => $"{p.line}\n  {string.Join("; ", p.errors.Select(e => e.Message))}")
            .ToList();

        Assert.True(lines.Count >= 10, $"Expected the docs' Bench commands, found {lines.Count}.");
        Assert.True(failures.Count == 0, "Refused:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void The_tuning_instruments_are_options_of_evaluate()
    {
        var parsed = EvaluateArguments.Parse(["--events", "a.tsv", "--events", "b.tsv", "--direct", "--candidates", "c.tsv", "--breakdown", "--misses", "m.txt", "--set", "Personalization:Engine:TransitionWindow=3"]);

        Assert.Equal(["a.tsv", "b.tsv"], parsed.Events);
        Assert.Equal(("c.tsv", true, "m.txt"), (parsed.Instruments?.CandidatesPath, parsed.Instruments?.Breakdown, parsed.Instruments?.MissesPath));
        Assert.Equal("3", parsed.Settings["Personalization:Engine:TransitionWindow"]);
        Assert.Equal(0.7, parsed.Warmup);
        Assert.Contains("need --direct", Assert.Throws<ArgumentException>(() => EvaluateArguments.Parse(["--events", "a.tsv", "--candidates", "c.tsv"])).Message, StringComparison.Ordinal);
        Assert.Contains("needs --breakdown", Assert.Throws<ArgumentException>(() => EvaluateArguments.Parse(["--events", "a.tsv", "--direct", "--misses", "m.txt"])).Message, StringComparison.Ordinal);
        Assert.Contains("[0, 1)", Assert.Throws<ArgumentException>(() => EvaluateArguments.Parse(["--events", "a.tsv", "--warmup", "1"])).Message, StringComparison.Ordinal);
        Assert.Contains("--set expects Section:Key=Value", Assert.Throws<ArgumentException>(() => EvaluateArguments.Parse(["--events", "a.tsv", "--set", "novalue"])).Message, StringComparison.Ordinal);
        Assert.Contains("--events", Assert.Throws<ArgumentException>(() => EvaluateArguments.Parse(["--json", "out.json"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Perf_without_only_runs_every_scenario_at_the_default_sizes_and_only_narrows_them()
    {
        var perf = new PerfCommandLine();
        PerfArguments Read(params string[] line) => perf.Read(perf.Command.Parse(line).CommandResult);

        var all = Read("--memory-users", "100000");
        var quick = Read("--quick");
        var only = Read("--only", "ping,recommend", "--catalog", "10000,20000");

        Assert.Equal(PerfArguments.AllScenarios.Order(), all.Scenarios.Order());
        Assert.Equal([100_000], all.Sizes.MemoryUsers);
        Assert.Equal(PerfSizes.Full.CatalogTracks, all.Sizes.CatalogTracks);
        Assert.Equal(PerfArguments.AllScenarios.Order(), quick.Scenarios.Order());
        Assert.Equal(PerfSizes.Quick.MemoryUsers, quick.Sizes.MemoryUsers);
        Assert.Equal(["ping", "recommend"], only.Scenarios.Order());
        Assert.Equal([10_000, 20_000], only.Sizes.CatalogTracks);
    }

    [Theory]
    [InlineData("perf --only ping,nosuch", "Unknown scenario(s): nosuch")]
    [InlineData("perf --memory-users 0", "'0' is not a positive number")]
    [InlineData("durable --seconds 0", "--seconds must be a whole number ≥ 1")]
    [InlineData("catalog --requests x", "--requests")]
    [InlineData("restore --tracks", "--tracks")]
    [InlineData("nosuch", "nosuch")]
    public void A_bad_command_line_is_refused_with_the_reason(string line, string reason)
    {
        var errors = BenchCommandLine.Create().Parse(Arguments(line)).Errors;

        Assert.Contains(errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_command_documents_its_options_and_is_in_the_bench_guide()
    {
        var root = BenchCommandLine.Create();

        Assert.Subset(root.Subcommands.Select(c => c.Name).ToHashSet(), new HashSet<string> { "evaluate", "rerank-headroom", "perf", "durable", "restore", "model-memory", "catalog" });
        Assert.All(root.Subcommands, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), c.Name));
        Assert.All(root.Subcommands.SelectMany(c => c.Options), o => Assert.False(string.IsNullOrWhiteSpace(o.Description), o.Name));
        var guide = File.ReadAllText(Path.Combine(Manifests.Root, "docs", "bench.md"));
        Assert.All(root.Subcommands, c => Assert.Contains($"| `{c.Name}` |", guide, StringComparison.Ordinal));
    }

    /// <summary>The documented lines, with backslash continuations joined and a trailing <c># comment</c> dropped; synopses with [optional] parts are skipped.</summary>
    private static IEnumerable<string> DocumentedCommandLines()
    {
        var files = Docs.Select(d => Path.Combine(Manifests.Root, d))
            .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.md", SearchOption.AllDirectories) : [p]);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file).Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (Match m in BenchLine().Matches(text))
            {
                var line = m.Groups["args"].Value.Split(" #")[0].Trim().TrimEnd('`', ')', '.', ',');
                if (line.Contains('[', StringComparison.Ordinal) || line.Length == 0) continue;
                yield return line;
            }
        }
    }

    private static string[] Arguments(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"dotnet run -c Release --project Bench -- (?<args>[^`\n]*)")]
    private static partial Regex BenchLine();
}
