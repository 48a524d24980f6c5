namespace Personalization.Abstractions.Blend;

/// <summary>
/// A Blend's shared queue, best first, with each member's share and the fairness floor the queue honours: every member
/// who brought at least as many usable candidates as the queue is long has at least <see cref="FairnessFloor"/> =
/// floor(count / members) items good for them (and floor(k / members) of every first k items).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.BlendQueue.v1")]
public sealed record BlendQueue(
    [property: Id(0)] string BlendId,
    [property: Id(1)] string ListId,
    [property: Id(2)] DateTimeOffset GeneratedAt,
    [property: Id(3)] IReadOnlyList<string> Members,
    [property: Id(4)] IReadOnlyList<BlendItem> Items,
    [property: Id(5)] IReadOnlyList<MemberShare> Shares,
    [property: Id(6)] int FairnessFloor);
