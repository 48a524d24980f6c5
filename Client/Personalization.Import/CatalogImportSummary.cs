using System.Globalization;

namespace Personalization.Import;

/// <summary>What a catalogue import did: lines read, tracks changed, tracks already as written, bad lines skipped.</summary>
public sealed class CatalogImportSummary
{
    public int Files { get; set; }
    public long Rows { get; set; }
    public long Changed { get; set; }
    public long Unchanged { get; set; }
    public long Refused { get; set; }
    public TimeSpan Elapsed { get; set; }

    /// <summary>Why the import stopped before the end (<c>--strict</c> and a bad line); null when it finished.</summary>
    public string? StoppedBecause { get; set; }

    public bool Finished => StoppedBecause is null;

    public double TracksPerSecond => Elapsed > TimeSpan.Zero ? (Changed + Unchanged) / Elapsed.TotalSeconds : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"catalogue import {(Finished ? "finished" : "stopped: " + StoppedBecause)}: {Files} file(s), {Rows:N0} lines, {Changed:N0} tracks changed, " +
        $"{Unchanged:N0} unchanged, {Refused:N0} bad lines skipped, {Elapsed.TotalSeconds:F1} s, {TracksPerSecond:N0} tracks/s");
}
