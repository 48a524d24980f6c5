namespace Personalization.Abstractions.Blend;

/// <summary>
/// A Blend: one shared queue for a group of 2..8 listeners (key = <see cref="BlendMembers.Key"/>, the sorted,
/// de-duplicated member ids joined with ','). It asks each member for a bounded taste summary, merges them fairly and
/// reports each member's share. A member's new events are reflected in the next queue (members' sequences invalidate
/// the cached summaries). An invalid key or request throws <see cref="InvalidEventException"/>.
/// </summary>
[Alias("pzn.IBlendGrain")]
public interface IBlendGrain : IGrainWithStringKey
{
    [Alias("GetQueue")]
    Task<BlendQueue> GetQueueAsync(BlendRequest request);
}
