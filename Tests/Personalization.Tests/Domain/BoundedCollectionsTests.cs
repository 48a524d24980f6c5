using Personalization.Engine;

namespace Personalization.Tests.Domain;

/// <summary>The history ring, event-id window and block list: the per-listener lists that must stay bounded.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class BoundedCollectionsTests
{
    [Fact]
    public void The_history_ring_keeps_the_most_recent_entries_oldest_first()
    {
        var ring = new HistoryRing(3);
        for (var i = 0; i < 10; i++) ring.Add(new HistoryEntry(i, 0, i, SignalKind.Play, StepFlags.None));

        Assert.Equal(3, ring.Count);
        Assert.Equal([7, 8, 9], Enumerable.Range(0, ring.Count).Select(i => ring[i].Track));
        Assert.True(ring.TryGetLast(out var last));
        Assert.Equal(9, last.Track);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring[3]);

        ring.ReplaceLast(last with { Kind = SignalKind.Complete });
        Assert.Equal(SignalKind.Complete, ring[2].Kind);
        Assert.Equal(3, ring.Count);
    }

    [Fact]
    public void The_event_id_window_forgets_the_oldest_id_when_full()
    {
        var window = new EventIdWindow(4);
        for (ulong i = 1; i <= 6; i++) window.Add(i);

        Assert.Equal(4, window.Count);
        Assert.False(window.Contains(1));
        Assert.False(window.Contains(2));
        Assert.True(window.Contains(3));
        Assert.True(window.Contains(6));
        Assert.Equal([3UL, 4, 5, 6], window.ToArray());
    }

    [Fact]
    public void The_block_list_is_bounded_ignores_repeats_and_removes_keeping_order()
    {
        var blocked = new BlockList(3);
        blocked.Add(1);
        blocked.Add(1);
        Assert.Equal(1, blocked.Count);

        foreach (var id in new[] { 2, 3, 4 }) blocked.Add(id);
        Assert.Equal(3, blocked.Count);
        Assert.False(blocked.Contains(1));
        Assert.Equal([2, 3, 4], blocked.ToArray());

        blocked.Remove(3);
        Assert.Equal([2, 4], blocked.ToArray());
        blocked.Add(5);
        blocked.Add(6);
        Assert.Equal([4, 5, 6], blocked.ToArray());
    }
}
