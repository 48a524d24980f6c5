using Personalization.Engine.Ranking;

namespace Personalization.Bench.Cli;

/// <summary>The options of <c>rerank-headroom</c> (<see cref="RerankHeadroomCommandLine"/> defines and documents them).</summary>
public sealed record HeadroomArguments(string File, bool Boosted, double? TrainFirst, RankerOptions Boosting, bool EngineFeaturesOnly = false)
{
    /// <summary>Parses the arguments after <c>rerank-headroom</c>; a bad command line throws <see cref="ArgumentException"/> with every error.</summary>
    public static HeadroomArguments Parse(IReadOnlyList<string> args)
    {
        var command = new RerankHeadroomCommandLine();
        return command.Read(CommandLineErrors.ThrowIfAny(command.Command.Parse(args)).CommandResult);
    }
}
