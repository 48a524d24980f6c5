using Personalization.Grains.Model.Placement;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ShardHomeTests
{
    private const int ManyShards = 8192;

    [Fact]
    public void Every_shard_gets_a_home_among_the_silos_whatever_their_order()
    {
        var random = new Random(19);
        foreach (var count in new[] { 1, 2, 3, 7 })
        {
            var silos = ShardSiloSets.Make(random, count);
            var shuffled = silos.OrderBy(_ => random.Next()).ToArray();
            for (var shard = 0; shard < 512; shard++)
            {
                var home = ShardHome.Of(shard, silos);
                Assert.Contains(home, silos);
                Assert.Equal(home, ShardHome.Of(shard, shuffled));
            }
        }
    }

    [Fact]
    public void The_home_is_the_same_in_every_process_and_release()
    {
        // Pinned (and computed by an independent reimplementation of the formula): every silo must compute the same home, so the weights may never change (StableHash, not string.GetHashCode).
        string[] silos = ["10.0.0.1:11111@1", "10.0.0.2:11111@1", "10.0.0.3:11111@1"];
        Assert.Equal(
            ["10.0.0.3:11111@1", "10.0.0.1:11111@1", "10.0.0.2:11111@1", "10.0.0.3:11111@1", "10.0.0.2:11111@1", "10.0.0.2:11111@1"],
            Enumerable.Range(0, 6).Select(shard => ShardHome.Of(shard, silos)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Many_shards_spread_evenly(int siloCount)
    {
        var silos = ShardSiloSets.Make(new Random(siloCount), siloCount);
        var loads = ShardSiloSets.Loads([.. Enumerable.Range(0, ManyShards).Select(shard => ShardHome.Of(shard, silos))], silos);

        Assert.True(loads.Max() <= 1.2 * loads.Min(), $"loads {string.Join("/", loads)}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void A_silo_that_joins_takes_its_share_and_no_other_shard_moves(int siloCount)
    {
        var all = ShardSiloSets.Make(new Random(100 + siloCount), siloCount + 1);
        var before = all[..siloCount];
        var joined = all[siloCount];

        var moved = 0;
        for (var shard = 0; shard < ManyShards; shard++)
        {
            var was = ShardHome.Of(shard, before);
            var now = ShardHome.Of(shard, all);
            if (was == now) continue;
            Assert.Equal(joined, now);
            moved++;
        }

        var share = ManyShards / (siloCount + 1.0);
        Assert.InRange(moved, 0.85 * share, 1.15 * share);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void When_a_silo_leaves_only_its_shards_move(int siloCount)
    {
        var before = ShardSiloSets.Make(new Random(200 + siloCount), siloCount);
        var left = before[1];
        var after = before.Where(s => s != left).ToArray();

        for (var shard = 0; shard < ManyShards; shard++)
        {
            var was = ShardHome.Of(shard, before);
            var now = ShardHome.Of(shard, after);
            if (was == left) Assert.NotEqual(left, now);
            else Assert.Equal(was, now);
        }
    }

    [Fact]
    public void A_shard_needs_a_silo()
    {
        Assert.Throws<ArgumentException>(() => ShardHome.Of(0, []));
    }
}
