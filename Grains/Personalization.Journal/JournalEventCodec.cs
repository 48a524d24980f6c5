using System.Text;
using System.Text.Json;
using Personalization.Abstractions;

namespace Personalization.Journal;

/// <summary>Converts a <see cref="ListenEvent"/> to and from its stored JSON (<see cref="StoredJournalEvent"/>).</summary>
public static class JournalEventCodec
{
    public static string Encode(ListenEvent listenEvent) =>
        JsonSerializer.Serialize(Stored(listenEvent), JournalJsonContext.Default.StoredJournalEvent);

    /// <summary>The same JSON as <see cref="Encode"/>, as UTF-8.</summary>
    public static byte[] EncodeUtf8(ListenEvent listenEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(Stored(listenEvent), JournalJsonContext.Default.StoredJournalEvent);

    private static StoredJournalEvent Stored(ListenEvent listenEvent)
    {
        ArgumentNullException.ThrowIfNull(listenEvent);
        return new StoredJournalEvent
        {
            EventId = listenEvent.EventId,
            TrackId = listenEvent.TrackId,
            ArtistId = listenEvent.ArtistId,
            Kind = KindName(listenEvent.Kind),
            Timestamp = listenEvent.Timestamp,
            PositionMs = listenEvent.PositionMs,
            DurationMs = listenEvent.DurationMs,
            Source = listenEvent.Context?.Source,
            Device = listenEvent.Context?.Device,
        };
    }

    /// <exception cref="InvalidDataException">The text is not a journaled event this build can read.</exception>
    public static ListenEvent Decode(string json) => Decode(Encoding.UTF8.GetBytes(json)); // the parser reads UTF-8 either way

    /// <summary>The event stored as this JSON, as UTF-8 (<see cref="EncodeUtf8"/>).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a journaled event this build can read.</exception>
    public static ListenEvent Decode(ReadOnlySpan<byte> utf8Json)
    {
        StoredJournalEvent? stored;
        try
        {
            stored = JsonSerializer.Deserialize(utf8Json, JournalJsonContext.Default.StoredJournalEvent);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("A journal entry is not valid JSON.", ex);
        }

        if (stored is null) throw new InvalidDataException("A journal entry is empty.");
        if (stored.Version is < 1 or > StoredJournalEvent.CurrentVersion)
        {
            throw new InvalidDataException($"A journal entry has format {stored.Version}; this build reads 1 to {StoredJournalEvent.CurrentVersion}.");
        }

        var context = stored.Source is null && stored.Device is null ? null : new ListenContext(stored.Source, stored.Device);
        return new ListenEvent(
            stored.EventId, stored.TrackId, stored.ArtistId, KindOf(stored.Kind), stored.Timestamp, stored.PositionMs, stored.DurationMs, context);
    }

    /// <summary>The stable stored name of a kind (never derived from the enum's CLR name).</summary>
    public static string KindName(EventKind kind) => kind switch
    {
        EventKind.Play => "play",
        EventKind.Complete => "complete",
        EventKind.Skip => "skip",
        EventKind.Like => "like",
        EventKind.Dislike => "dislike",
        EventKind.Save => "save",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    public static EventKind KindOf(string name) => name switch
    {
        "play" => EventKind.Play,
        "complete" => EventKind.Complete,
        "skip" => EventKind.Skip,
        "like" => EventKind.Like,
        "dislike" => EventKind.Dislike,
        "save" => EventKind.Save,
        _ => throw new InvalidDataException($"A journal entry has unknown kind '{name}'."),
    };
}
