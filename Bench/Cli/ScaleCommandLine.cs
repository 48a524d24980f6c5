using System.CommandLine;
using Personalization.Bench.Reporting;
using Personalization.Bench.Scale;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>scale</c> (issue #19): per-silo model memory of 3 silo processes against one full replica, and head- and
/// tail-anchored recommendation latency with the tail cache's hit rate, on a Zipf catalogue of 3M tracks.
/// </summary>
internal sealed class ScaleCommandLine
{
    /// <summary>Track names have seven digits (<see cref="Engine.Load.LoadCatalog.TrackId"/>).</summary>
    internal const int MaxTracks = 9_999_999;

    private readonly Option<bool> _quick = SharedOptions.Quick("100,000 tracks, 100 listeners of each kind");
    private readonly Option<int?> _tracks = SharedOptions.Count("--tracks", "Tracks in the Zipf catalogue (default: 3,000,000, or 100,000 with --quick).", min: 1000);
    private readonly Option<int?> _headTracks = SharedOptions.Count("--head-tracks",
        "Personalization:Model:HeadTracks of the 3 silos (default: the silo's own), and where the bench draws head and tail anchors (default: 1% of the tracks).");
    private readonly Option<int?> _callers = SharedOptions.Count("--callers", "Concurrent callers of the timed recommendations.", fallback: 8);
    private readonly Option<Dictionary<string, string?>> _settings = SharedOptions.Settings();
    private readonly Option<string?> _json = JsonOutput.Option();

    public ScaleCommandLine()
    {
        _settings.Description = "A configuration override Section:Key=Value for every silo (e.g. Personalization:Model:TailCacheKeys=100000); repeatable.";
        Command = new Command("scale", "Model heap per silo process of 3 silos against one silo holding a full replica, head- and tail-anchored "
            + "recommend p50/p99 and the tail cache's hit rate, on a Zipf(1) catalogue of 3M tracks; starts its own silos (memory storage).")
        {
            _quick, _tracks, _headTracks, _callers, _settings, _json,
        };
        CommandLineErrors.ValidateWith(Command, Read);
        Command.SetAction(async (parse, cancellationToken) =>
        {
            var run = Read(parse.CommandResult);
            var result = await ScaleBenchmark.RunAsync(run, Console.Error);
            Console.Write(ScaleReport.Render(result));
            if (parse.GetValue(_json) is { } json)
            {
                await JsonOutput.WriteAsync(json, ScaleJson.Render(result), Console.Error, cancellationToken);
            }

            return 0;
        });
    }

    public Command Command { get; }

    private ScaleRun Read(System.CommandLine.Parsing.CommandResult result)
    {
        var quick = result.GetValue(_quick);
        var sizes = quick ? ScaleSizes.Quick : ScaleSizes.Full;
        if (result.GetValue(_tracks) is { } tracks)
        {
            if (tracks > MaxTracks) throw new ArgumentException($"--tracks must be at most {MaxTracks:N0} (was {tracks:N0}).");
            sizes = sizes with { Tracks = tracks };
        }

        var run = new ScaleRun(sizes, result.GetValue(_headTracks), result.GetValue(_callers) ?? 8, result.GetValue(_settings) ?? [], quick);
        if (run.TailAnchorFrom >= sizes.Tracks) throw new ArgumentException($"--head-tracks {run.HeadRanks:N0} leaves no tail: it must be below half the tracks ({sizes.Tracks / 2:N0}).");
        return run;
    }
}
