using System.Text.RegularExpressions;

namespace Personalization.Tests.Operations;

/// <summary>
/// The metric names a PromQL expression reads, found conservatively: strings, label matchers, ranges, grouping
/// clauses and Grafana variables are removed first; what remains as an identifier not followed by "(" and not a
/// keyword is a metric (or recording-rule) name.
/// </summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN",
    };

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = Strings().Replace(expression, " ");
        text = GrafanaVariables().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifiers().Matches(text).Select(m => m.Value).Where(n => !Keywords.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\$\{[^}]*\}|\$\w+")]
    private static partial Regex GrafanaVariables();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.:])[A-Za-z_:][\w:]*(?![\w:])(?!\s*\()")]
    private static partial Regex Identifiers();
}
