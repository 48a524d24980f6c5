using System.Globalization;

namespace Personalization.Bench.Engine;

/// <summary>One row of a <see cref="CandidateExport"/> file, read by column name (empty or unparsable fields read as NaN).</summary>
public readonly struct CandidateRow(IReadOnlyDictionary<string, int> columns, string[] fields)
{
    public double this[string column] =>
        columns.TryGetValue(column, out var i) && i < fields.Length &&
        double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : double.NaN;
}
