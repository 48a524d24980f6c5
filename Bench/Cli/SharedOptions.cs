using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Personalization.Bench.Cli;

/// <summary>Options that several commands share, defined once.</summary>
internal static class SharedOptions
{
    public static Option<bool> Quick(string what) => new("--quick") { Description = $"The CI smoke size: {what}." };

    /// <summary><c>--set Section:Key=Value</c>, repeatable: configuration overrides, as the silo reads them.</summary>
    public static Option<Dictionary<string, string?>> Settings() => new("--set")
    {
        Description = "A configuration override Section:Key=Value (e.g. Personalization:Engine:TransitionWindow=3); repeatable.",
        HelpName = "Section:Key=Value",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase),
        CustomParser = result =>
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var token in result.Tokens)
            {
                var eq = token.Value.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    result.AddError($"--set expects Section:Key=Value (was '{token.Value}').");
                    continue;
                }

                settings[token.Value[..eq]] = token.Value[(eq + 1)..];
            }

            return settings;
        },
    };

    /// <summary>A whole number ≥ <paramref name="min"/>; <paramref name="fallback"/> is the default shown in the help (null: none, the command picks one).</summary>
    public static Option<int?> Count(string name, string description, int min = 1, int? fallback = null)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = Parsed<int>(name, $"a whole number ≥ {min}", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n : null),
        };
        if (fallback is { } value) option.DefaultValueFactory = _ => value;
        return option;
    }

    /// <summary>A share (a number) that <paramref name="accept"/> accepts; <paramref name="rule"/> names the range in the error.</summary>
    public static Option<double?> Share(string name, string description, string rule, Func<double, bool> accept) => new(name)
    {
        Description = description,
        HelpName = "SHARE",
        CustomParser = Parsed<double>(name, rule, t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && accept(x) ? x : null),
    };

    private static Func<ArgumentResult, T?> Parsed<T>(string name, string rule, Func<string, T?> parse) where T : struct => result =>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (parse(text) is { } value) return value;
        result.AddError($"{name} must be {rule} (was '{text}').");
        return null;
    };
}
