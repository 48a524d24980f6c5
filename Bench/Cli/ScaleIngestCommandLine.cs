using System.CommandLine;
using Personalization.Bench.Reporting;
using Personalization.Bench.Scale;

namespace Personalization.Bench.Cli;

/// <summary>
/// <c>scale-ingest</c> (issue #19): listening events with learning into 1 silo process and then 3, events/s and latency
/// of a closed loop, and the silo-to-silo messages per event.
/// </summary>
internal sealed class ScaleIngestCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("2,000 listeners, 100,000 tracks, a 4 s timed window");
    private readonly Option<int?> _listeners = SharedOptions.Count("--listeners", "Distinct listeners (default: 20,000, or 2,000 with --quick).", min: 100);
    private readonly Option<int?> _tracks = SharedOptions.Count("--tracks", "Tracks in the Zipf catalogue the events draw from (default: 1,000,000, or 100,000 with --quick).", min: 1000);
    private readonly Option<int?> _seconds = SharedOptions.Count("--seconds", "Seconds of the timed window of each cluster (default: 60, or 4 with --quick).");
    private readonly Option<int?> _callers = SharedOptions.Count("--callers", "Concurrent callers of the closed loop.", fallback: 64);
    private readonly Option<Dictionary<string, string?>> _settings = SharedOptions.Settings();
    private readonly Option<string?> _json = JsonOutput.Option();

    public ScaleIngestCommandLine()
    {
        _settings.Description = "A configuration override Section:Key=Value for every silo (e.g. Personalization:Model:Shards=12); repeatable.";
        Command = new Command("scale-ingest", "Listening events with learning through the Orleans client into 1 silo process and then 3 (memory storage): "
            + "events/s, p50/p99/p99.9, observations the shards learned per event, and silo-to-silo messages per event; starts its own silos.")
        {
            _quick, _listeners, _tracks, _seconds, _callers, _settings, _json,
        };
        CommandLineErrors.ValidateWith(Command, Read);
        Command.SetAction(async (parse, cancellationToken) =>
        {
            var run = Read(parse.CommandResult);
            var result = await IngestBenchmark.RunAsync(run, Console.Error);
            Console.Write(IngestReport.Render(result));
            if (parse.GetValue(_json) is { } json)
            {
                await JsonOutput.WriteAsync(json, IngestJson.Render(result), Console.Error, cancellationToken);
            }

            return 0;
        });
    }

    public Command Command { get; }

    private IngestRun Read(System.CommandLine.Parsing.CommandResult result)
    {
        var quick = result.GetValue(_quick);
        var sizes = quick ? IngestSizes.Quick : IngestSizes.Full;
        if (result.GetValue(_listeners) is { } listeners) sizes = sizes with { Listeners = listeners };
        if (result.GetValue(_tracks) is { } tracks)
        {
            if (tracks > ScaleCommandLine.MaxTracks) throw new ArgumentException($"--tracks must be at most {ScaleCommandLine.MaxTracks:N0} (was {tracks:N0}).");
            sizes = sizes with { Tracks = tracks };
        }

        if (result.GetValue(_seconds) is { } seconds) sizes = sizes with { Duration = TimeSpan.FromSeconds(seconds) };
        return new IngestRun(sizes, result.GetValue(_callers) ?? 64, result.GetValue(_settings) ?? [], quick);
    }
}
