using System.Text.Json;
using Personalization.Abstractions;

namespace Personalization.Client.Http;

/// <summary>
/// Reads a POST body holding one event, a bare array of events, or <c>{"events": [...]}</c> into wire events, or into
/// field errors that name what is wrong (JSON path, missing field, unknown kind). Semantic rules are the shared
/// <see cref="RequestValidator"/>'s. A batch longer than the largest accepted one is refused as a whole, without reading
/// its items (a hostile body of many small items yields one error, not one per item).
/// </summary>
public static class EventBodyReader
{
    /// <summary>The events, the reading errors, and whether the body was a single event (named <c>event</c> in errors).</summary>
    public static (IReadOnlyList<ListenEvent> Events, IReadOnlyList<FieldError> Errors, bool Single) Read(JsonElement root, DateTimeOffset now, int maxBatchSize)
    {
        var errors = new List<FieldError>();
        var events = new List<ListenEvent>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                ReadArray(root, "events", now, maxBatchSize, events, errors);
                break;
            case JsonValueKind.Object when root.TryGetProperty("events", out var list):
                if (list.ValueKind != JsonValueKind.Array) errors.Add(new FieldError("events", "must be an array of events."));
                else ReadArray(list, "events", now, maxBatchSize, events, errors);
                break;
            case JsonValueKind.Object:
                ReadOne(root, "event", now, events, errors);
                break;
            default:
                errors.Add(new FieldError("body", "must be an event object, an array of events, or {\"events\": [...]}."));
                break;
        }

        return (events, errors, root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("events", out _));
    }

    private static void ReadArray(JsonElement array, string field, DateTimeOffset now, int maxBatchSize, List<ListenEvent> events, List<FieldError> errors)
    {
        var length = array.GetArrayLength();
        if (length > maxBatchSize)
        {
            errors.Add(new FieldError(field, $"must contain at most {maxBatchSize} events (was {length})."));
            return;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            ReadOne(item, $"{field}[{i++}]", now, events, errors);
        }
    }

    private static void ReadOne(JsonElement element, string field, DateTimeOffset now, List<ListenEvent> events, List<FieldError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(field, "must be an event object."));
            return;
        }

        EventBody? body;
        try
        {
            body = element.Deserialize<EventBody>(ApiJson.Options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? p[1..].TrimStart('.') : "";
            errors.Add(new FieldError(path.Length > 0 ? $"{field}.{path}" : field, "has the wrong type or format."));
            return;
        }

        if (body is null)
        {
            errors.Add(new FieldError(field, "is required."));
            return;
        }

        var before = errors.Count;
        if (body.Unknown is { Count: > 0 } unknown)
        {
            errors.Add(new FieldError($"{field}.{unknown.Keys.First()}", "is not a known field."));
        }

        EventKind kind = default;
        if (string.IsNullOrEmpty(body.Kind)) errors.Add(new FieldError($"{field}.kind", "is required."));
        else if (!TryParseKind(body.Kind, out kind)) errors.Add(new FieldError($"{field}.kind", "must be one of play, complete, skip, like, dislike, save."));
        if (errors.Count > before) return;

        events.Add(new ListenEvent(
            body.EventId ?? "",
            body.TrackId ?? "",
            body.ArtistId ?? "",
            kind,
            body.Timestamp ?? now,
            body.PositionMs,
            body.DurationMs,
            body.Context is null ? null : new ListenContext(body.Context.Source, body.Context.Device)));
    }

    private static bool TryParseKind(string text, out EventKind kind)
    {
        foreach (var value in Enum.GetValues<EventKind>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = value;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
