using System.Text.Json.Serialization;

namespace Personalization.Bench.Reporting;

/// <summary>A target model's HR@1 estimated from the logging model's propensities (IPS, SNIPS) next to its measured HR@1.</summary>
public sealed record OffPolicyRow(
    [property: JsonPropertyName("logger")] string Logger,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("measuredHr1")] double MeasuredHr1,
    [property: JsonPropertyName("ips")] double Ips,
    [property: JsonPropertyName("snips")] double Snips,
    [property: JsonPropertyName("n")] int N);
