using Personalization.Testing;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class TailCacheTests
{
    [Fact]
    public void A_list_is_fresh_for_its_ttl_then_read_again_and_served_stale_meanwhile()
    {
        var clock = new ManualClock();
        var cache = new TailCache(capacity: 10, ttl: TimeSpan.FromSeconds(60), clock);
        Assert.False(cache.IsFresh(7));
        cache.Put(7, [new ScoredId(8, 1f)]);
        Assert.True(cache.IsFresh(7));
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.False(cache.IsFresh(7));
        Assert.True(cache.TryGet(7, out var stale));
        Assert.Equal(8, stale[0].Id);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(2, cache.Misses);
    }

    [Fact]
    public void Beyond_its_capacity_the_least_recently_fetched_lists_are_evicted()
    {
        var clock = new ManualClock();
        var cache = new TailCache(capacity: 100, ttl: TimeSpan.FromMinutes(5), clock);
        for (var track = 0; track < 1_000; track++)
        {
            cache.Put(track, [new ScoredId(track + 1, 1f), new ScoredId(track + 2, 0.5f)]);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(cache.Count, 1, 100);
        Assert.True(cache.TryGet(999, out _)); // the newest stays
        Assert.False(cache.TryGet(0, out _));
        Assert.Equal(1_000 - cache.Count, cache.Evictions);
        Assert.Equal((cache.Count * 2 * 8) + (cache.Count * (48 + 32 + 24)), cache.EstimatedBytes);
    }

    [Fact]
    public void The_tiered_view_reads_the_head_first_and_a_tail_list_only_when_the_head_has_none()
    {
        var head = new LiveModel();
        var delta = new ModelDelta();
        delta.Successors.Add((1, [new ScoredId(2, 1f)]));
        head.Apply(delta);
        var cache = new TailCache(10, TimeSpan.FromMinutes(1), new ManualClock());
        cache.Put(1, [new ScoredId(99, 1f)]);
        cache.Put(5, [new ScoredId(6, 1f)]);
        var view = new TieredModelView(head, cache);

        Assert.Equal(2, view.SuccessorsOf(1)[0].Id);
        Assert.Equal(6, view.SuccessorsOf(5)[0].Id);
        Assert.True(view.SuccessorsOf(42).IsEmpty);
    }
}
