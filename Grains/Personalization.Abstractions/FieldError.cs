namespace Personalization.Abstractions;

/// <summary>One validation failure: the offending field (e.g. <c>events[3].trackId</c>) and what is wrong with it.</summary>
[GenerateSerializer, Immutable, Alias("pzn.FieldError.v1")]
public sealed record FieldError(
    [property: Id(0)] string Field,
    [property: Id(1)] string Message);
