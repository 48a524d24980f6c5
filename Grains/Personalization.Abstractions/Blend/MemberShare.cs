namespace Personalization.Abstractions.Blend;

/// <summary>
/// A member's share of a Blend: how many items are good for them (an item good for several members counts for each),
/// that count over the queue length, how many candidates they brought, and the member state's sequence used.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.MemberShare.v1")]
public sealed record MemberShare(
    [property: Id(0)] string UserId,
    [property: Id(1)] int Items,
    [property: Id(2)] double Fraction,
    [property: Id(3)] int Candidates,
    [property: Id(4)] long Sequence);
