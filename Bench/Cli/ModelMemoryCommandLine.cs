using System.CommandLine;
using Personalization.Bench.ModelMemory;

namespace Personalization.Bench.Cli;

/// <summary><c>model-memory</c>: bytes per track of each part of the shared model (8 shards), and the sizing table.</summary>
internal sealed class ModelMemoryCommandLine
{
    private readonly Option<bool> _quick = SharedOptions.Quick("50,000 tracks");
    private readonly Option<int?> _tracks = SharedOptions.Count("--tracks", "Tracks in the model (default: 1,000,000, or 50,000 with --quick).");

    public ModelMemoryCommandLine()
    {
        Command = new Command("model-memory", "Bytes per track of each part of the shared model (8 shards, in process), and the silo sizing table.")
        {
            _quick, _tracks,
        };
        Command.SetAction(parse =>
        {
            var tracks = parse.GetValue(_tracks) ?? (parse.GetValue(_quick) ? 50_000 : 1_000_000);
            var memory = ModelMemoryBenchmark.Run(tracks, shards: 8, Console.Out);
            Console.WriteLine(ModelMemoryBenchmark.Render(memory));
            return 0;
        });
    }

    public Command Command { get; }
}
