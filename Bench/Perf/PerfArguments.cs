using System.Globalization;

namespace Personalization.Bench.Perf;

/// <summary>Command line of <c>perf</c>.</summary>
public sealed record PerfArguments(PerfSizes Sizes, bool Quick, string? JsonPath, string ReportPath, IReadOnlySet<string> Scenarios)
{
    public static readonly string[] AllScenarios = ["ping", "ingest", "recommend", "mixed", "durable", "peer", "memory", "catalog", "tracing"];

    public const string Usage =
        "usage: perf [--quick] [--json OUT] [--report OUT.md] [--only ping,ingest,...] [--memory-users 100000,1000000] [--catalog 10000,100000,1000000] [--seconds N]\n" +
        "  scenarios: " + "ping, ingest, recommend, mixed, durable, peer, memory, catalog, tracing";

    public static PerfArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var sizes = quick ? PerfSizes.Quick : PerfSizes.Full;
        string? json = null;
        var report = Path.Combine("artifacts", "perf", quick ? "perf-quick.md" : "perf.md");
        IReadOnlySet<string> scenarios = new HashSet<string>(AllScenarios);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--json":
                    json = Value();
                    break;
                case "--report":
                    report = Value();
                    break;
                case "--only":
                    var only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = only.Except(AllScenarios).ToList();
                    if (unknown.Count > 0) throw new ArgumentException($"Unknown scenario(s): {string.Join(", ", unknown)}.");
                    scenarios = new HashSet<string>(only);
                    break;
                case "--memory-users":
                    sizes = sizes with { MemoryUsers = Numbers(Value()) };
                    break;
                case "--catalog":
                    sizes = sizes with { CatalogTracks = Numbers(Value()) };
                    break;
                case "--seconds":
                    sizes = sizes with { Duration = TimeSpan.FromSeconds(Numbers(Value())[0]) };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return new PerfArguments(sizes, quick, json, report, scenarios);
    }

    private static int[] Numbers(string text)
    {
        var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"'{v}' is not a positive number."))
            .ToArray();
        return values.Length > 0 ? values : throw new ArgumentException("Expected at least one number.");
    }
}
