namespace Personalization.Abstractions.Blend;

/// <summary>
/// What a Blend asks a member for: up to <see cref="Candidates"/> personal candidates (1..MaxRecommendations). When
/// <see cref="IfSequenceNot"/> and <see cref="IfLastEventNot"/> both equal the member's current sequence and last event
/// time (the version the caller holds; the time tells a forgotten and re-created listener apart), the member answers
/// "unchanged" without candidates. <see cref="Market"/> and <see cref="Explicit"/> are the Blend request's catalogue rules.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.TasteSummaryRequest.v1")]
public sealed record TasteSummaryRequest(
    [property: Id(0)] int Candidates = 50,
    [property: Id(1)] long? IfSequenceNot = null,
    [property: Id(2)] DateTimeOffset? IfLastEventNot = null,
    [property: Id(3)] string? Market = null,
    [property: Id(4)] bool? Explicit = null);
