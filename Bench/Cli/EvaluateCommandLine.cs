using System.CommandLine;
using Personalization.Bench.Reporting;
using System.CommandLine.Parsing;
using Personalization.Bench.Engine;

namespace Personalization.Bench.Cli;

/// <summary><c>evaluate</c>: prequential replay of session logs through the engine and the baselines (<see cref="EvaluateCommand"/>).</summary>
internal sealed class EvaluateCommandLine
{
    private readonly Option<string[]> _events = new("--events")
    {
        Description = "A tab-separated session log with the header UserId SessionId ItemId Time ArtistId (plain or .gz); repeatable: "
            + "each file is replayed as an independent slice into a fresh cluster.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<double?> _warmup = SharedOptions.Share(
        "--warmup", "The share of each slice (in time order) replayed before scoring starts, in [0, 1).", "a number in [0, 1)", x => x is >= 0 and < 1);

    private readonly Option<string?> _json = JsonOutput.Option();

    private readonly Option<bool> _explore = new("--explore")
    {
        Description = "Also run the engine with exploration on (row engine+explore: novelty, IPS/SNIPS from its own log).",
    };

    private readonly Option<double?> _restartAt = SharedOptions.Share(
        "--restart-at",
        "At that share of the scored part (0-1), stop every silo and start them again from storage only: users, "
            + "the shared model and the re-ranker are restored from their checkpoints.",
        "a number in [0, 1]",
        x => x is >= 0 and <= 1);

    private readonly Option<bool> _catalogFromEvents = new("--catalog-from-events")
    {
        Description = "First admit every track of the slice as the engine's catalogue, instead of waiting for enough distinct "
            + "listeners (Personalization:Engine:AdmissionListeners).",
    };

    private readonly Option<Dictionary<string, string?>> _settings = SharedOptions.Settings();

    private readonly Option<bool> _direct = new("--direct")
    {
        Description = "Tuning: drive the engine classes without Orleans (reported as engine-direct, never as the engine row).",
    };

    private readonly Option<string?> _candidates = new("--candidates")
    {
        Description = "Tuning, with --direct: append the engine's top 50 candidates of every scored query to FILE (TSV, read by rerank-headroom).",
        HelpName = "FILE",
    };

    private readonly Option<bool> _breakdown = new("--breakdown")
    {
        Description = "Tuning, with --direct: print how often the engine hits each class of next track (unknown, replay, repeat, same artist, ...).",
    };

    private readonly Option<string?> _misses = new("--misses")
    {
        Description = "Tuning, with --breakdown: append every miss at 10 (session, top 12 with reasons) to FILE.",
        HelpName = "FILE",
    };

    public EvaluateCommandLine()
    {
        _warmup.DefaultValueFactory = _ => 0.7;
        Command = new Command("evaluate", "Replays session logs through the engine (on an in-process cluster) and the baselines in the same harness; "
            + "prints HR@10, NDCG@10, MRR@20, coverage and latency per model.")
        {
            _events, _warmup, _json, _explore, _restartAt, _catalogFromEvents, _settings, _direct, _candidates, _breakdown, _misses,
        };
        CommandLineErrors.ValidateWith(Command, Read);
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    public EvaluateArguments Read(CommandResult result)
    {
        var direct = result.GetValue(_direct);
        var instruments = new DirectInstruments(result.GetValue(_candidates), result.GetValue(_breakdown), result.GetValue(_misses));
        if (result.GetValue(_restartAt) is not null && direct) throw new ArgumentException("--restart-at needs the grains (not --direct).");
        if ((instruments.CandidatesPath is not null || instruments.Breakdown) && !direct) throw new ArgumentException("--candidates and --breakdown need --direct.");
        if (instruments.MissesPath is not null && !instruments.Breakdown) throw new ArgumentException("--misses needs --breakdown.");
        return new EvaluateArguments(
            result.GetValue(_events) ?? [],
            result.GetValue(_warmup) ?? 0.7,
            result.GetValue(_json),
            direct,
            result.GetValue(_settings) ?? [],
            result.GetValue(_explore),
            result.GetValue(_restartAt),
            result.GetValue(_catalogFromEvents),
            instruments);
    }

    private async Task<int> RunAsync(ParseResult parse)
    {
        var options = Read(parse.CommandResult);
        if (options.Events.FirstOrDefault(file => !File.Exists(file)) is { } missing)
        {
            await Console.Error.WriteLineAsync($"error: Event file '{missing}' not found (full path: {Path.GetFullPath(missing)}).");
            return 2;
        }

        try
        {
            await EvaluateCommand.RunAsync(options, Console.Out, Console.Error);
            return 0;
        }
        catch (InvalidDataException unreadable)
        {
            await Console.Error.WriteLineAsync($"error: {unreadable.Message}"); // a file without the session-rec header: nothing to replay
            return 2;
        }
    }
}
