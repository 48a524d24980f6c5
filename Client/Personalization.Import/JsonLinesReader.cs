using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Personalization.Client.Http;
using StableHash = Personalization.Engine.StableHash;
using Personalization.Engine.SessionLogs;

namespace Personalization.Import;

/// <summary>
/// Reads the import's JSON-lines format (plain or .gz): one object per line,
/// <c>{"userId": "u1", "event": {…}}</c>, where <c>event</c> is exactly the HTTP API's event object (read by the API's
/// own <see cref="EventBodyReader"/>), except that <c>timestamp</c> is required. Without an <c>eventId</c>, the id is
/// derived from the line (<c>jsonl:</c> + 16 hex digits of the stable hash of the user id and the event's JSON), so the
/// same line imported again is recognized. Blank lines are ignored; a line that cannot be read is reported with its
/// number and reason. Rows are returned in event-time order (ties keep file order).
/// </summary>
public static class JsonLinesReader
{
    public static ImportSource Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Event file '{path}' does not exist (full path: {Path.GetFullPath(path)}).", path);
        using var stream = File.OpenRead(path);
        using var decoded = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(decoded);
        return Parse(Path.GetFileName(path), path, reader);
    }

    public static ImportSource Parse(string name, string path, TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<ImportRow>();
        var problems = new RowProblems();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var error = TryReadLine(line, name, lineNumber, out var row);
            if (row is not null) rows.Add(row);
            else problems.Add(new RowProblem(name, lineNumber, error!));
        }

        return new ImportSource(path, [.. rows.OrderBy(r => r.Event.Timestamp)], problems, 0); // OrderBy is stable: ties keep file order
    }

    private static string? TryReadLine(string line, string name, int lineNumber, out ImportRow? row)
    {
        row = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = ApiJson.MaxDepth });
        }
        catch (JsonException)
        {
            return "is not valid JSON.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "must be an object {\"userId\": …, \"event\": {…}}.";
            if (!root.TryGetProperty("userId", out var user) || user.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(user.GetString()))
            {
                return "userId: is required (a string).";
            }

            if (!root.TryGetProperty("event", out var body) || body.ValueKind != JsonValueKind.Object) return "event: is required (an event object).";
            if (!body.TryGetProperty("timestamp", out _)) return "event.timestamp: is required for an import.";
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("userId" or "event")) return $"{property.Name}: is not a known field.";
            }

            var (events, errors, _) = EventBodyReader.Read(body, DateTimeOffset.UnixEpoch, maxBatchSize: 1);
            if (errors.Count > 0) return string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"));
            var userId = user.GetString()!;
            var e = events[0];
            if (string.IsNullOrEmpty(e.EventId))
            {
                e = e with { EventId = "jsonl:" + StableHash.Of(userId + "\n" + body.GetRawText()).ToString("x16", CultureInfo.InvariantCulture) };
            }

            row = new ImportRow(userId, e, name, lineNumber);
            return null;
        }
    }
}
