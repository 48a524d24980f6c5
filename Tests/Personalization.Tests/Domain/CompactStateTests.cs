using Personalization.Engine;

namespace Personalization.Tests.Domain;

/// <summary>
/// The compact per-listener representation (it bounds the heap per active user): a history step packed into 16 bytes, and
/// bounded lists whose arrays grow with use. Behaviour must be exactly that of the plain representation.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class CompactStateTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1_764_000_000_123L)]
    [InlineData(-5L)]
    [InlineData(HistoryEntry.MaxTimeMs)]
    [InlineData(HistoryEntry.MinTimeMs)]
    public void A_history_step_keeps_its_time_kind_and_flags_exactly(long timeMs)
    {
        var step = new HistoryEntry(7, 9, timeMs, SignalKind.Dislike, StepFlags.Disliked | StepFlags.Completed | StepFlags.EarlySkip);

        Assert.Equal((7, 9, timeMs, SignalKind.Dislike), (step.Track, step.Artist, step.TimeMs, step.Kind));
        Assert.Equal(StepFlags.Disliked | StepFlags.Completed | StepFlags.EarlySkip, step.Flags);

        var changed = step with { Kind = SignalKind.Save, Flags = StepFlags.Saved, TimeMs = timeMs / 2 };
        Assert.Equal((7, 9, timeMs / 2, SignalKind.Save, StepFlags.Saved), (changed.Track, changed.Artist, changed.TimeMs, changed.Kind, changed.Flags));
        Assert.Equal(step, new HistoryEntry(7, 9, timeMs, SignalKind.Dislike, StepFlags.Disliked | StepFlags.Completed | StepFlags.EarlySkip));
        Assert.NotEqual(step, changed);
    }

    [Fact]
    public void A_time_outside_48_bits_is_refused_not_wrapped()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryEntry(1, 1, HistoryEntry.MaxTimeMs + 1, SignalKind.Play, StepFlags.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoryEntry(1, 1, HistoryEntry.MinTimeMs - 1, SignalKind.Play, StepFlags.None));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(200)]
    public void The_history_ring_keeps_order_while_growing_and_after_wrapping(int capacity)
    {
        var ring = new HistoryRing(capacity);
        for (var i = 0; i < capacity * 3 + 1; i++)
        {
            ring.Add(new HistoryEntry(i, i % 7, i * 1000L, SignalKind.Complete, StepFlags.Completed));
            var expected = Enumerable.Range(Math.Max(0, i + 1 - capacity), Math.Min(i + 1, capacity));
            Assert.Equal(expected, Enumerable.Range(0, ring.Count).Select(k => ring[k].Track));
            Assert.True(ring.TryGetLast(out var last));
            Assert.Equal(i, last.Track);
        }

        ring.Clear();
        ring.Add(new HistoryEntry(42, 1, 1, SignalKind.Play, StepFlags.None));
        Assert.Equal([42], Enumerable.Range(0, ring.Count).Select(k => ring[k].Track));
    }

    [Fact]
    public void The_event_id_window_and_block_list_keep_order_while_growing_and_after_wrapping()
    {
        var window = new EventIdWindow(20);
        var blocks = new BlockList(20);
        for (var i = 1; i <= 50; i++)
        {
            window.Add((ulong)i);
            blocks.Add(i);
            var expected = Enumerable.Range(Math.Max(1, i - 19), Math.Min(i, 20)).ToArray();
            Assert.Equal(expected.Select(v => (ulong)v), window.ToArray());
            Assert.Equal(expected, blocks.ToArray());
            Assert.True(window.Contains((ulong)i) && blocks.Contains(i));
            Assert.False(i > 20 && (window.Contains((ulong)(i - 20)) || blocks.Contains(i - 20)));
        }

        blocks.Remove(40);
        Assert.Equal(Enumerable.Range(31, 20).Where(v => v != 40), blocks.ToArray());
    }
}
