using System.Globalization;
using System.Text.RegularExpressions;

namespace Personalization.Bench.Scale;

/// <summary>
/// Samples of one Prometheus text exposition (a silo's <c>/metrics</c>), by name and labels. Unlike
/// <see cref="Restore.PrometheusText"/> it tells a metric the silo does not export (null) from one that is 0, so the
/// bench runs against silos with and without a metric.
/// </summary>
public sealed partial class MetricSamples
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    public MetricSamples(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        foreach (Match m in Sample().Matches(exposition))
        {
            _samples.Add((m.Groups["name"].Value, m.Groups["labels"].Value, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// The sum of <paramref name="name"/>'s samples whose labels include <paramref name="label"/>="<paramref name="value"/>"
    /// (every sample when <paramref name="label"/> is null); null when the exposition has no such sample.
    /// </summary>
    public double? Sum(string name, string? label = null, string? value = null) =>
        label is null ? Sum(name, []) : Sum(name, [(label, value ?? "")]);

    /// <summary>The sum of <paramref name="name"/>'s samples whose labels include every one of <paramref name="labels"/>; null when there is none.</summary>
    public double? Sum(string name, IReadOnlyList<(string Label, string Value)> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var wanted = labels.Select(l => $"{l.Label}=\"{l.Value}\"").ToArray();
        double? sum = null;
        foreach (var (n, sampleLabels, v) in _samples)
        {
            if (n != name || !wanted.All(w => sampleLabels.Contains(w, StringComparison.Ordinal))) continue;
            sum = (sum ?? 0) + v;
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
