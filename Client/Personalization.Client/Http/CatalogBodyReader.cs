using System.Text.Json;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;

namespace Personalization.Client.Http;

/// <summary>Reads catalogue tracks from JSON (the HTTP API and the catalogue import): every problem names its field.</summary>
public static class CatalogBodyReader
{
    /// <summary>One track object; <paramref name="pathTrackId"/> (from the URL) must match the body's id when the body names one.</summary>
    public static (CatalogEntry? Entry, IReadOnlyList<FieldError> Errors) ReadTrack(JsonElement element, CatalogValidator validator, string field = "track", string? pathTrackId = null)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (element.ValueKind != JsonValueKind.Object) return (null, [new FieldError(field, "must be a JSON object.")]);
        CatalogTrackBody? body;
        try
        {
            body = element.Deserialize<CatalogTrackBody>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, [new FieldError(FieldOf(field, ex.Path), "has the wrong type (dates are YYYY-MM-DD, lists are arrays).")]);
        }

        if (body is null) return (null, [new FieldError(field, "is required.")]);
        if (pathTrackId is not null && body.TrackId is not null && body.TrackId != pathTrackId)
        {
            return (null, [new FieldError($"{field}.trackId", "must match the track id in the URL (or be left out).")]);
        }

        var entry = body.ToEntry(pathTrackId);
        var errors = validator.Validate(entry, field);
        return errors.Count == 0 ? (entry, errors) : (null, errors);
    }

    /// <summary>A batch <c>{"tracks": [...]}</c>; entries are returned only when every track is valid.</summary>
    public static (IReadOnlyList<CatalogEntry> Entries, IReadOnlyList<FieldError> Errors) ReadBatch(JsonElement root, CatalogValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("tracks", out var tracks) || tracks.ValueKind != JsonValueKind.Array)
        {
            return ([], [new FieldError("tracks", "is required: {\"tracks\": [track, ...]}.")]);
        }

        var max = validator.Ids.Limits.MaxBatchSize;
        if (tracks.GetArrayLength() is var n && (n == 0 || n > max)) return ([], [new FieldError("tracks", $"must contain between 1 and {max} tracks (was {n}).")]);
        var entries = new List<CatalogEntry>(n);
        var errors = new List<FieldError>();
        var i = 0;
        foreach (var t in tracks.EnumerateArray())
        {
            var (entry, problems) = ReadTrack(t, validator, $"tracks[{i++}]");
            if (entry is not null) entries.Add(entry);
            errors.AddRange(problems);
        }

        return errors.Count == 0 ? (entries, errors) : ([], errors);
    }

    private static string FieldOf(string field, string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? field : field + (path.StartsWith("$.", StringComparison.Ordinal) ? path[1..] : path.TrimStart('$'));
}
