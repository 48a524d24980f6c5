using System.Globalization;
using System.Text.RegularExpressions;

namespace Personalization.Bench.Restore;

/// <summary>Reads one unlabelled sample from a Prometheus text exposition (NaN when absent).</summary>
public static partial class PrometheusText
{
    public static double Value(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        foreach (Match m in Sample().Matches(exposition))
        {
            if (m.Groups["name"].Value == name) return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return double.NaN;
    }

    /// <summary>The sum of a metric's samples over all its label sets (0 when it has none).</summary>
    public static double Sum(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        return Sample().Matches(exposition).Where(m => m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
