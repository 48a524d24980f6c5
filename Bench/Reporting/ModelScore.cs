using System.Text.Json.Serialization;

namespace Personalization.Bench.Reporting;

/// <summary>One row of the results: a model's metrics over some set of scored events.</summary>
public sealed record ModelScore(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hr10")] double Hr10,
    [property: JsonPropertyName("ndcg10")] double Ndcg10,
    [property: JsonPropertyName("mrr20")] double Mrr20,
    [property: JsonPropertyName("cov10")] double Cov10,
    [property: JsonPropertyName("n")] int N);
