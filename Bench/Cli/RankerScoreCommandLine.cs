using System.CommandLine;
using Personalization.Bench.Reporting;
using System.Text.Json;
using Personalization.Bench.Ranking;

namespace Personalization.Bench.Cli;

/// <summary><c>ranker-score</c>: the re-ranker's scoring per recommendation, tree by tree against row by row in the same run.</summary>
internal sealed class RankerScoreCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("0.5 s");
    private readonly Option<int?> _trees = SharedOptions.Count("--trees", "Trees in the model (default: 300, the re-ranker's default).");
    private readonly Option<int?> _depth = SharedOptions.Count("--depth", "Depth of every tree (default: 3).");
    private readonly Option<int?> _candidates = SharedOptions.Count("--candidates", "Candidates scored per recommendation (default: 50).");
    private readonly Option<string?> _json = JsonOutput.Option();

    public RankerScoreCommandLine()
    {
        Command = new Command("ranker-score", "The re-ranker's scoring of one recommendation's candidates: tree by tree (the silo's) against row by row (before), in one run.")
        {
            _quick, _trees, _depth, _candidates, _json,
        };
        Command.SetAction(async (parse, cancellationToken) =>
        {
            var result = RankerScoreBenchmark.Run(
                parse.GetValue(_trees) ?? 300, parse.GetValue(_depth) ?? 3, parse.GetValue(_candidates) ?? 50,
                parse.GetValue(_quick) ? 0.5 : 5, Console.Out);
            if (parse.GetValue(_json) is { } json) await JsonOutput.WriteAsync(json, JsonSerializer.Serialize(result, Json), Console.Error, cancellationToken);
            return 0;
        });
    }

    public Command Command { get; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}
