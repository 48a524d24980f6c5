using System.Text.Json.Serialization;

namespace Personalization.Bench.Reporting;

/// <summary>Results of one slice.</summary>
public sealed record FileReport(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("events")] int Events,
    [property: JsonPropertyName("warmupEvents")] int WarmupEvents,
    [property: JsonPropertyName("duplicatesDropped")] int DuplicatesDropped,
    [property: JsonPropertyName("knownTracks")] int KnownTracks,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelScore> Models,
    [property: JsonPropertyName("engineLatencyMs")] LatencySummary EngineLatencyMs);
