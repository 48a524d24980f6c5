using Personalization.Engine;
using Personalization.Engine.Rewards;

namespace Personalization.Tests.Domain;

/// <summary>
/// The compact per-listener representation (it bounds the heap per active user): a history step packed into 16 bytes, an
/// affinity into 12 (its stamp at whole seconds), event ids as 48-bit fingerprints, and bounded lists whose arrays grow
/// with use. Behaviour must be that of the plain representation, up to those stated roundings.
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

    [Fact]
    public void The_event_id_windows_high_halves_survive_each_growth_and_the_wrap()
    {
        var window = new EventIdWindow(20);
        static ulong Fingerprint(int i) => ((ulong)(0xF000 + i) << 32) | (uint)(i * 2_654_435_761u); // distinct high halves, odd and even slots
        for (var i = 1; i <= 45; i++)
        {
            window.Add(Fingerprint(i));
            var expected = Enumerable.Range(Math.Max(1, i - 19), Math.Min(i, 20)).Select(Fingerprint).ToArray();
            Assert.Equal(expected, window.ToArray()); // grows 8 → 12 → 18 → 20, then wraps
            Assert.All(expected, f => Assert.True(window.Contains(f)));
            Assert.False(window.Contains(Fingerprint(i) ^ (1UL << 33))); // its low half with another high half
        }
    }

    [Fact]
    public void Lifetime_counters_stop_at_the_32_bit_maximum_instead_of_wrapping()
    {
        var counters = new ListenerCounters { Events = long.MaxValue, Plays = int.MaxValue - 1L, Skips = -5 };
        counters.Count(SignalKind.Play);
        counters.Count(SignalKind.Play);
        Assert.Equal((int.MaxValue, int.MaxValue, 0L), (counters.Events, counters.Plays, counters.Skips));

        var stats = new RewardStats { ListsServed = 3L * int.MaxValue };
        stats.ListsServed++;
        Assert.Equal(int.MaxValue, stats.ListsServed);
    }

    [Fact]
    public void An_affinity_is_12_bytes_and_keeps_its_stamp_at_whole_seconds_clamped_to_its_range()
    {
        Assert.Equal(12, System.Runtime.CompilerServices.Unsafe.SizeOf<Affinity>());
        Assert.Equal((7, 0.5f, 1_764_000_000_000L), (new Affinity(7, 0.5f, 1_764_000_000_999L).Id, new Affinity(7, 0.5f, 1_764_000_000_999L).Weight, new Affinity(7, 0.5f, 1_764_000_000_999L).StampMs));
        Assert.Equal(0L, new Affinity(1, 1f, -5_000L).StampMs);
        Assert.Equal(uint.MaxValue * 1000L, new Affinity(1, 1f, long.MaxValue).StampMs);
        Assert.Equal(new Affinity(1, 1f, 2_000L), new Affinity(1, 1f, 2_999L)); // one second: one stamp
        Assert.NotEqual(new Affinity(1, 1f, 2_000L), new Affinity(1, 1f, 3_000L));
        Assert.Equal(5_000L, (new Affinity(1, 1f, 0) with { StampMs = 5_432L }).StampMs);
    }

    [Fact]
    public void Many_adds_within_a_second_lose_nothing_to_the_stamps_rounding()
    {
        var halfLife = TimeSpan.FromDays(14);
        var table = new AffinityTable(4, halfLife);
        const long T0 = 1_764_000_000_000L;
        for (var i = 0; i < 1_000; i++) table.Add(1, 1.0, T0 + (i % 999)); // all inside one second, at varying milliseconds
        Assert.Equal(1_000.0, table.Get(1, T0), 3); // no decay charged between adds of the same second

        table.Add(1, 1.0, T0 + halfLife.Ticks / TimeSpan.TicksPerMillisecond); // one half-life later: the sum halves, then one more
        Assert.Equal(501.0, table.Get(1, T0 + halfLife.Ticks / TimeSpan.TicksPerMillisecond), 3);
    }

    [Fact]
    public void The_event_id_window_compares_48_bit_fingerprints_and_restores_64_bit_hashes_into_them()
    {
        var window = new EventIdWindow(8);
        const ulong Hash = 0xABCD_1234_5678_9ABCUL;
        window.Add(Hash);

        Assert.True(window.Contains(Hash));
        Assert.True(window.Contains(Hash & EventIdWindow.FingerprintMask)); // a stored fingerprint, restored, is the same id
        Assert.True(window.Contains(Hash ^ (1UL << 60))); // above 48 bits nothing is kept: the documented collision
        Assert.False(window.Contains(Hash ^ (1UL << 40))); // the same low 32 bits, another high half: not a duplicate
        Assert.False(window.Contains(Hash ^ 1UL));
        Assert.Equal([Hash & EventIdWindow.FingerprintMask], window.ToArray());

        for (ulong i = 0; i < 20; i++) window.Add((i << 32) | 0x5678_9ABCUL); // many equal low halves: each confirmed by its high half
        Assert.False(window.Contains(Hash)); // pushed out of the window of 8
        Assert.True(window.Contains((19UL << 32) | 0x5678_9ABCUL));
        Assert.True(window.Contains((12UL << 32) | 0x5678_9ABCUL));
        Assert.False(window.Contains((11UL << 32) | 0x5678_9ABCUL));
    }
}
