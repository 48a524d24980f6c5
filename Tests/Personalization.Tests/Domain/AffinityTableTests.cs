using Personalization.Engine;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class AffinityTableTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);
    private static readonly long HalfLifeMs = (long)HalfLife.TotalMilliseconds;

    [Fact]
    public void A_weight_halves_every_half_life()
    {
        var table = new AffinityTable(8, HalfLife);
        table.Add(1, 4.0, 1_000);

        Assert.Equal(4.0, table.Get(1, 1_000), 6);
        Assert.Equal(2.0, table.Get(1, 1_000 + HalfLifeMs), 6);
        Assert.Equal(1.0, table.Get(1, 1_000 + 2 * HalfLifeMs), 6);
        Assert.Equal(4.0, table.Get(1, 0), 6); // no growth when read before its stamp
        Assert.Equal(0.0, table.Get(2, 1_000));
    }

    [Fact]
    public void Adding_to_an_entry_decays_the_old_weight_first()
    {
        var table = new AffinityTable(8, HalfLife);
        table.Add(1, 4.0, 0);
        table.Add(1, 1.0, HalfLifeMs);

        Assert.Equal(3.0, table.Get(1, HalfLifeMs), 5);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void The_table_never_exceeds_its_capacity()
    {
        var table = new AffinityTable(5, HalfLife);
        for (var i = 0; i < 200; i++) table.Add(i, (i % 2 == 0 ? 1 : -1) * (1 + i % 7), i * 60_000L);

        Assert.Equal(5, table.Count);
        Assert.Equal(5, table.Entries.Length);
        Assert.Equal(5, table.Capacity);
    }

    [Fact]
    public void When_full_the_smallest_absolute_weight_is_evicted_so_strong_likes_and_dislikes_stay()
    {
        var table = new AffinityTable(3, HalfLife);
        table.Add(1, 5.0, 0);
        table.Add(2, -6.0, 0);
        table.Add(3, 0.5, 0);

        table.Add(4, 1.0, 0);

        Assert.Equal(0.0, table.Get(3, 0));
        Assert.Equal(5.0, table.Get(1, 0), 6);
        Assert.Equal(-6.0, table.Get(2, 0), 6);
        Assert.Equal(1.0, table.Get(4, 0), 6);

        table.Add(5, -0.1, 0); // weaker than everything kept: not admitted
        Assert.Equal(0.0, table.Get(5, 0));
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void Eviction_compares_decayed_weights()
    {
        var table = new AffinityTable(2, HalfLife);
        table.Add(1, 8.0, 0);
        table.Add(2, 3.0, 3 * HalfLifeMs); // 1 has decayed to 1.0 by now

        table.Add(3, 2.0, 3 * HalfLifeMs);

        Assert.Equal(0.0, table.Get(1, 3 * HalfLifeMs));
        Assert.Equal(3.0, table.Get(2, 3 * HalfLifeMs), 6);
        Assert.Equal(2.0, table.Get(3, 3 * HalfLifeMs), 6);
    }

    [Fact]
    public void Top_orders_by_decayed_weight_with_ties_by_id_and_can_keep_positives_only()
    {
        var table = new AffinityTable(8, HalfLife);
        table.Add(7, 2.0, 0);
        table.Add(3, 2.0, 0);
        table.Add(5, 4.0, HalfLifeMs); // stamped later: not decayed at HalfLifeMs
        table.Add(9, -1.0, 0);

        var top = table.Top(10, HalfLifeMs);
        Assert.Equal([5, 3, 7, 9], top.Select(t => t.Id));
        Assert.Equal(1.0, top[1].Weight, 6);
        Assert.Equal([5, 3], table.Top(2, HalfLifeMs).Select(t => t.Id));
        Assert.DoesNotContain(table.Top(10, HalfLifeMs, positiveOnly: true), t => t.Id == 9);
    }

    [Fact]
    public void Remove_and_restore_round_trip_entries()
    {
        var table = new AffinityTable(4, HalfLife);
        table.Add(1, 2.0, 10);
        table.Add(2, -3.0, 20);
        var saved = table.Entries.ToArray();

        table.Remove(1);
        Assert.Equal(0.0, table.Get(1, 20));
        Assert.Equal(1, table.Count);

        var restored = new AffinityTable(4, HalfLife);
        foreach (var entry in saved) restored.Restore(entry);
        Assert.Equal(saved, restored.Entries.ToArray());
    }

    [Fact]
    public void Every_weight_is_kept_as_of_the_tables_stamp_and_reads_as_if_each_decayed_on_its_own()
    {
        var table = new AffinityTable(8, HalfLife);
        table.Add(1, 4.0, 0);
        table.Add(2, 2.0, HalfLifeMs); // the stamp moves: 1 is kept as 2.0 now
        table.Add(3, 8.0, 0); // before the stamp: the delta decays to it (4.0)

        Assert.Equal(HalfLifeMs, table.StampMs);
        Assert.Equal(2.0, table.Get(1, HalfLifeMs), 5);
        Assert.Equal(2.0, table.Get(2, HalfLifeMs), 5);
        Assert.Equal(4.0, table.Get(3, HalfLifeMs), 5);
        Assert.Equal(1.0, table.Get(1, 2 * HalfLifeMs), 5);
        Assert.All(table.Entries, e => Assert.Equal(HalfLifeMs, e.StampMs));
        Assert.Equal(2.0, table.Get(1, 0), 5); // read before the stamp: no growth
    }

    [Fact]
    public void Entries_stored_with_their_own_stamps_restore_to_the_weights_they_had()
    {
        var restored = new AffinityTable(8, HalfLife);
        restored.Restore(new Affinity(1, 4f, 0));
        restored.Restore(new Affinity(2, 1f, 2 * HalfLifeMs));
        restored.Restore(new Affinity(3, 2f, HalfLifeMs));

        Assert.Equal(2 * HalfLifeMs, restored.StampMs);
        Assert.Equal(1.0, restored.Get(1, 2 * HalfLifeMs), 5);
        Assert.Equal(1.0, restored.Get(2, 2 * HalfLifeMs), 5);
        Assert.Equal(1.0, restored.Get(3, 2 * HalfLifeMs), 5);
        Assert.Equal([1, 2, 3], restored.Top(3, 3 * HalfLifeMs).Select(t => t.Id)); // equal weights (halvings are exact): by id
        Assert.Equal(0.5, restored.Top(3, 3 * HalfLifeMs)[0].Weight, 6);
    }

    [Fact]
    public void Invalid_capacity_or_half_life_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AffinityTable(0, HalfLife));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AffinityTable(4, TimeSpan.Zero));
    }
}
