namespace Personalization.Abstractions.Blend;

/// <summary>
/// One track of a Blend: whose turn picked it (<see cref="PickedFor"/>), every member it is good for (the picked
/// member, plus members who have it among their own personal candidates or like its artist), and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.BlendItem.v1")]
public sealed record BlendItem(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string? ArtistId,
    [property: Id(2)] double Score,
    [property: Id(3)] string Reason,
    [property: Id(4)] string ReasonCode,
    [property: Id(5)] string? Because,
    [property: Id(6)] string PickedFor,
    [property: Id(7)] IReadOnlyList<string> GoodFor);
