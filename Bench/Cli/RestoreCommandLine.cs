using System.CommandLine;
using Personalization.Bench.Restore;

namespace Personalization.Bench.Cli;

/// <summary><c>restore</c>: the durable model's checkpoint cost and restart time on Azurite; exit code 1 when a restart lost observations.</summary>
internal sealed class RestoreCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("20,000 tracks, 500 listeners, 6 s of load, 2 s checkpoints");
    private readonly Option<int?> _tracks = SharedOptions.Count("--tracks", "Tracks in the model (default: 1,000,000, or 20,000 with --quick).");

    public RestoreCommandLine()
    {
        Command = new Command("restore", "The durable model's checkpoint cost under load, then kill -9 of the silo and the time to restore "
            + "the model from its checkpoints (1M tracks, 20,000 listeners, 120 s of load, 30 s checkpoints); starts its own Azurite and silo.")
        {
            _quick, _tracks,
        };
        Command.SetAction(async (parse, _) =>
        {
            var sizes = parse.GetValue(_quick) ? RestoreSizes.Quick : RestoreSizes.Full;
            if (parse.GetValue(_tracks) is { } tracks) sizes = sizes with { Tracks = tracks };
            var restore = await RestoreBenchmark.RunAsync(sizes, Console.Out);
            Console.WriteLine(RestoreBenchmark.Render(restore, sizes));
            return restore.ObservationsRestored == restore.Observations ? 0 : 1;
        });
    }

    public Command Command { get; }
}
