using System.Globalization;
using System.IO.Compression;

namespace Personalization.Engine.SessionLogs;

/// <summary>
/// Reads a session-rec TSV (header <c>UserId SessionId ItemId Time ArtistId</c>, tab-separated, extra columns ignored),
/// plain or gzipped. Drops exact duplicates (same SessionId, ItemId, Time) and sorts by (Time, SessionId, file order).
/// A row that cannot be read (too few fields, a Time that is not an integer) is skipped and reported in
/// <see cref="Slice.Rejected"/> with its line and reason; only a missing or wrong header fails the whole file.
/// The evaluator and the import command both read logs with it.
/// </summary>
public static class SessionLogReader
{
    private const long MinTime = -62_135_596_800; // 0001-01-01, DateTimeOffset's range in unix seconds
    private const long MaxTime = 253_402_300_799; // 9999-12-31T23:59:59
    private static readonly string[] Required = ["UserId", "SessionId", "ItemId", "Time", "ArtistId"];

    public static Slice Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Event file '{path}' does not exist (full path: {Path.GetFullPath(path)}). " +
                "(The 30Music slices live in ../shared/data/30music/ next to the repository.)", path);
        }

        using var stream = File.OpenRead(path);
        using var decoded = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : (Stream)stream;
        using var reader = new StreamReader(decoded);
        return Parse(Path.GetFileName(path), reader);
    }

    public static Slice Parse(string name, TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{name}: the file is empty (a header line is required).");
        var columns = header.Split('\t');
        var index = new int[Required.Length];
        for (var i = 0; i < Required.Length; i++)
        {
            index[i] = Array.IndexOf(columns, Required[i]);
            if (index[i] < 0)
            {
                throw new InvalidDataException($"{name}: header must contain the tab-separated columns {string.Join(", ", Required)} (was '{header}').");
            }
        }

        var seen = new HashSet<(string Session, string Item, long Time)>();
        var events = new List<SessionEvent>();
        var duplicates = 0;
        var rejected = new RowProblems();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length < columns.Length)
            {
                rejected.Add(new RowProblem(name, lineNumber, $"expected {columns.Length} tab-separated fields, found {fields.Length}."));
                continue;
            }

            if (!long.TryParse(fields[index[3]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var time))
            {
                rejected.Add(new RowProblem(name, lineNumber, $"Time '{fields[index[3]]}' is not an integer (unix seconds)."));
                continue;
            }

            if (time is < MinTime or > MaxTime)
            {
                rejected.Add(new RowProblem(name, lineNumber, $"Time {time} is outside the representable range (years 1 to 9999)."));
                continue;
            }

            var e = new SessionEvent(fields[index[0]], fields[index[1]], fields[index[2]], time, fields[index[4]], events.Count + duplicates, lineNumber);
            if (!seen.Add((e.SessionId, e.ItemId, e.Time)))
            {
                duplicates++;
                continue;
            }

            events.Add(e);
        }

        events.Sort(static (a, b) =>
        {
            var byTime = a.Time.CompareTo(b.Time);
            if (byTime != 0) return byTime;
            var bySession = CompareIds(a.SessionId, b.SessionId);
            return bySession != 0 ? bySession : a.Order.CompareTo(b.Order);
        });
        return new Slice(name, events, duplicates) { Rejected = rejected };
    }

    /// <summary>Numeric ids compare as numbers (shorter digit string first), anything else ordinally.</summary>
    public static int CompareIds(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length && IsDigits(a) && IsDigits(b)) return a.Length.CompareTo(b.Length);
        return string.CompareOrdinal(a, b);
    }

    private static bool IsDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}
