using System.Globalization;
using Personalization.Bench.Restore;
using Personalization.Engine.Load;

namespace Personalization.Bench.Backfill;

/// <summary>
/// A deterministic listening history as a session-rec TSV (<c>UserId SessionId ItemId Time ArtistId</c>, the format the
/// import and the evaluator read): each listener's plays come in sessions of 8–16 tracks, 200 s apart, each session
/// starting at a random moment of one year (2015), tracks drawn from the model's catalogue (<see cref="LoadCatalog"/>)
/// with Zipf popularity. So, as in a real log, a slice of the file in time order holds a few rows of many listeners.
/// </summary>
public static class SyntheticHistory
{
    private const long YearStart = 1_420_070_400; // 2015-01-01T00:00:00Z
    private const long YearSeconds = 365L * 24 * 3600;
    private const long StepSeconds = 200;

    /// <summary>Writes <paramref name="shape"/>'s history for listeners <c>{prefix}0000000</c>… to <paramref name="path"/>.</summary>
    public static void Write(string path, string prefix, HistoryShape shape, int tracks, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var random = new Random(seed);
        var zipf = new ZipfTracks(tracks);
        using var writer = new StreamWriter(path);
        writer.WriteLine("UserId\tSessionId\tItemId\tTime\tArtistId");
        for (var listener = 0; listener < shape.Listeners; listener++)
        {
            var user = LoadCatalog.UserId(prefix, listener);
            var written = 0;
            for (var session = 0; written < shape.RowsPerListener; session++)
            {
                var start = YearStart + (long)(random.NextDouble() * YearSeconds);
                var length = Math.Min(random.Next(8, 17), shape.RowsPerListener - written);
                for (var i = 0; i < length; i++, written++)
                {
                    var track = zipf.Next(random);
                    writer.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{user}\t{user}-{session}\t{LoadCatalog.TrackId(track)}\t{start + i * StepSeconds}\t{LoadCatalog.ArtistId(track)}\n"));
                }
            }
        }
    }
}
