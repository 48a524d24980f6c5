using System.CommandLine;
using System.CommandLine.Parsing;

namespace Personalization.Bench.Cli;

/// <summary>Turns the errors of a command line into one <see cref="ArgumentException"/>, and cross-option checks into parse errors.</summary>
internal static class CommandLineErrors
{
    public static ParseResult ThrowIfAny(ParseResult result) =>
        result.Errors.Count == 0 ? result : throw new ArgumentException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));

    /// <summary>Runs <paramref name="read"/> while parsing, so an <see cref="ArgumentException"/> it throws is a parse error (shown with the usage).</summary>
    public static void ValidateWith<T>(Command command, Func<CommandResult, T> read) =>
        command.Validators.Add(result =>
        {
            try
            {
                read(result);
            }
            catch (ArgumentException ex)
            {
                result.AddError(ex.Message);
            }
            catch (InvalidOperationException)
            {
                // An option's value could not be read: its own parse error is reported already.
            }
        });
}
