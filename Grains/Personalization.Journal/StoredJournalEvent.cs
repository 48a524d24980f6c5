using System.Text.Json.Serialization;

namespace Personalization.Journal;

/// <summary>
/// The stored form of one journaled event: explicit, short, versioned JSON (no CLR type names), so that any later build
/// can read it. <see cref="Version"/> changes only when the meaning of a field changes; new optional fields may be
/// added under new names. Kind is a stable lower-case word (see <see cref="JournalEventCodec"/>), time is ISO-8601.
/// </summary>
public sealed record StoredJournalEvent
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")] public int Version { get; init; } = CurrentVersion;
    [JsonPropertyName("id")] public required string EventId { get; init; }
    [JsonPropertyName("track")] public required string TrackId { get; init; }
    [JsonPropertyName("artist")] public required string ArtistId { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("ts")] public required DateTimeOffset Timestamp { get; init; }
    [JsonPropertyName("pos")] public int? PositionMs { get; init; }
    [JsonPropertyName("dur")] public int? DurationMs { get; init; }
    [JsonPropertyName("src")] public string? Source { get; init; }
    [JsonPropertyName("dev")] public string? Device { get; init; }
}
