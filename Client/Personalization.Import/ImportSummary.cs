using System.Globalization;

namespace Personalization.Import;

/// <summary>What an import did (this run only: rows a checkpoint had already covered are not counted again).</summary>
public sealed class ImportSummary
{
    public int Files { get; set; }
    public long Rows { get; set; }
    public long Imported { get; set; }
    public long AlreadyPresent { get; set; }
    public long Unreadable { get; set; }
    public long Refused { get; set; }
    public long Listeners { get; set; }
    public TimeSpan Elapsed { get; set; }

    /// <summary>Why the import stopped before the end (<c>--strict</c> and a bad row, or cancellation); null when it finished.</summary>
    public string? StoppedBecause { get; set; }

    public bool Finished => StoppedBecause is null;

    /// <summary>Rows sent to the cluster per second of this run (imported and already present alike).</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? (Imported + AlreadyPresent) / Elapsed.TotalSeconds : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"import {(Finished ? "finished" : "stopped: " + StoppedBecause)}: {Files} file(s), {Rows:N0} rows sent, {Imported:N0} events imported, " +
        $"{AlreadyPresent:N0} already present, {Unreadable:N0} unreadable and {Refused:N0} refused rows skipped, {Listeners:N0} listeners, " +
        $"{Elapsed.TotalSeconds:F1} s, {EventsPerSecond:N0} events/s");
}
