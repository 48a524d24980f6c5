using System.Text.Json.Serialization;

namespace Personalization.Bench.Reporting;

/// <summary>
/// One row of the results: a model's metrics over some set of scored events. Novelty of the top-10:
/// <see cref="Novelty10"/> mean self-information in bits (−log2 of a track's share of the plays so far),
/// <see cref="Unplayed10"/> share of listed tracks the listener had not played yet.
/// </summary>
public sealed record ModelScore(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hr10")] double Hr10,
    [property: JsonPropertyName("ndcg10")] double Ndcg10,
    [property: JsonPropertyName("mrr20")] double Mrr20,
    [property: JsonPropertyName("cov10")] double Cov10,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("novelty10")] double Novelty10 = 0,
    [property: JsonPropertyName("unplayed10")] double Unplayed10 = 0);
