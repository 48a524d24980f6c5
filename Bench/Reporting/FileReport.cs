using System.Text.Json.Serialization;

namespace Personalization.Bench.Reporting;

/// <summary>
/// Results of one slice; rows the reader could not use and rows a model refused are counted, the first few named as
/// <c>file:line: reason</c>.
/// </summary>
public sealed record FileReport(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("events")] int Events,
    [property: JsonPropertyName("warmupEvents")] int WarmupEvents,
    [property: JsonPropertyName("duplicatesDropped")] int DuplicatesDropped,
    [property: JsonPropertyName("knownTracks")] int KnownTracks,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelScore> Models,
    [property: JsonPropertyName("engineLatencyMs")] LatencySummary EngineLatencyMs,
    [property: JsonPropertyName("unreadableRows")] long UnreadableRows = 0,
    [property: JsonPropertyName("refusedRows")] long RefusedRows = 0,
    [property: JsonPropertyName("firstRowProblems")] IReadOnlyList<string>? FirstRowProblems = null);
