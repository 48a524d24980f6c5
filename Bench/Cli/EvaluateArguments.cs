using Personalization.Bench.Engine;

namespace Personalization.Bench.Cli;

/// <summary>The options of <c>evaluate</c> (<see cref="EvaluateCommandLine"/> defines and documents them).</summary>
public sealed record EvaluateArguments(
    IReadOnlyList<string> Events,
    double Warmup,
    string? JsonPath,
    bool Direct,
    IReadOnlyDictionary<string, string?> Settings,
    bool Explore = false,
    double? RestartAt = null,
    bool CatalogFromEvents = false,
    DirectInstruments? Instruments = null)
{
    /// <summary>Parses the arguments after <c>evaluate</c>; a bad command line throws <see cref="ArgumentException"/> with every error.</summary>
    public static EvaluateArguments Parse(IReadOnlyList<string> args)
    {
        var command = new EvaluateCommandLine();
        return command.Read(CommandLineErrors.ThrowIfAny(command.Command.Parse(args)).CommandResult);
    }
}
