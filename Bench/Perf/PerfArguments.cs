namespace Personalization.Bench.Perf;

/// <summary>The options of <c>perf</c> (<c>Cli/PerfCommandLine</c> defines and documents them).</summary>
public sealed record PerfArguments(PerfSizes Sizes, bool Quick, string? JsonPath, string ReportPath, IReadOnlySet<string> Scenarios)
{
    public static readonly string[] AllScenarios = ["ping", "ingest", "recommend", "mixed", "durable", "peer", "memory", "catalog", "tracing"];
}
