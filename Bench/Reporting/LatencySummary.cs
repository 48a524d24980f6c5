using System.Text.Json.Serialization;

namespace Personalization.Bench.Reporting;

public sealed record LatencySummary(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p99")] double P99);
