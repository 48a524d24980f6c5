using Personalization.Grains.Model;
using Personalization.Grains.Model.Placement;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ShardMoveRuleTests
{
    private const int Shards = 8;
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);
    private static readonly string[] Silos = ShardSiloSets.Make(new Random(42), 4);

    [Fact]
    public void A_shard_at_home_stays_however_fresh_the_view()
    {
        var view = new ShardClusterView(Silos, changing: false);
        var layout = ShardLayout.Of(Shards, view.Silos);
        for (var shard = 0; shard < Shards; shard++)
        {
            Assert.Equal(ShardMoveVerdict.AtHome, ShardMoveRule.Decide(shard, Shards, layout[shard], view, TimeSpan.Zero, Delay));
        }
    }

    [Fact]
    public void A_shard_away_from_home_moves_only_once_the_view_held_for_the_delay()
    {
        var view = new ShardClusterView(Silos, changing: false);
        var (shard, away) = AwayFromHome(view);

        Assert.Equal(ShardMoveVerdict.Settling, ShardMoveRule.Decide(shard, Shards, away, view, Delay - TimeSpan.FromTicks(1), Delay));
        Assert.Equal(ShardMoveVerdict.Move, ShardMoveRule.Decide(shard, Shards, away, view, Delay, Delay));
        Assert.Equal(ShardMoveVerdict.Move, ShardMoveRule.Decide(shard, Shards, away, view, TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void Nothing_moves_while_a_member_joins_or_leaves_or_when_this_silo_is_not_a_shard_host()
    {
        var changing = new ShardClusterView(Silos, changing: true);
        var (shard, away) = AwayFromHome(new ShardClusterView(Silos, changing: false));
        Assert.Equal(ShardMoveVerdict.Unsettled, ShardMoveRule.Decide(shard, Shards, away, changing, TimeSpan.FromHours(1), Delay));

        var withoutThisSilo = new ShardClusterView(Silos.Where(s => s != away), changing: false);
        Assert.Equal(ShardMoveVerdict.Unsettled, ShardMoveRule.Decide(shard, Shards, away, withoutThisSilo, TimeSpan.FromHours(1), Delay));
    }

    [Fact]
    public void The_view_is_stable_from_its_first_sight_and_any_change_restarts_the_count()
    {
        var stability = new ShardClusterViewStability();
        var t0 = DateTimeOffset.UnixEpoch;
        var three = new ShardClusterView(Silos[..3], changing: false);

        Assert.Equal(TimeSpan.Zero, stability.Observe(three, t0)); // a silo that just started waits a whole delay
        Assert.Equal(TimeSpan.FromSeconds(20), stability.Observe(new ShardClusterView(Silos[..3].Reverse(), changing: false), t0.AddSeconds(20)));
        Assert.Equal(TimeSpan.Zero, stability.Observe(new ShardClusterView(Silos[..3], changing: true), t0.AddSeconds(25)));
        Assert.Equal(TimeSpan.Zero, stability.Observe(three, t0.AddSeconds(26)));
        Assert.Equal(TimeSpan.Zero, stability.Observe(new ShardClusterView(Silos, changing: false), t0.AddSeconds(27)));
        Assert.Equal(TimeSpan.FromSeconds(3), stability.Observe(new ShardClusterView(Silos, changing: false), t0.AddSeconds(30)));
    }

    [Fact]
    public void A_rolling_restart_moves_each_shard_at_most_once_beyond_the_moves_its_stops_force()
    {
        // Silos a, b, c are replaced one by one by a2, b2, c2, a member every 20 s (less than the delay), each joining
        // for 5 s and each old one shutting down for 5 s; every shard asks every 10 s, as ShardRebalancer.CheckInterval says.
        var (a, b, c, a2, b2, c2) = (Silos[0], Silos[1], Silos[2], Silos[3], "10.9.9.2:11111@7", "10.9.9.3:11111@7");
        var steps = new List<(int At, string[] Active, bool Changing)>
        {
            (0, [a, b, c], false),
            (20, [a, b, c], true), (25, [a, b, c, a2], true), (30, [b, c, a2], false), // a2 joins, a shuts down
            (40, [b, c, a2], true), (45, [b, c, a2, b2], true), (50, [c, a2, b2], false),
            (60, [c, a2, b2], true), (65, [c, a2, b2, c2], true), (70, [a2, b2, c2], false),
        };
        var homes = ShardLayout.Of(Shards, [a, b, c]);
        var moves = new int[Shards];
        var forced = new int[Shards];
        var stability = new ShardClusterViewStability();
        for (var second = 0; second <= 200; second += 10)
        {
            var step = steps.Last(s => s.At <= second);
            var view = new ShardClusterView(step.Active, step.Changing);
            var stableFor = stability.Observe(view, DateTimeOffset.UnixEpoch.AddSeconds(second));
            for (var shard = 0; shard < Shards; shard++)
            {
                if (!step.Active.Contains(homes[shard]))
                {
                    homes[shard] = ShardLayout.HomeOf(shard, Shards, view.Silos); // its silo stopped: the next call places it
                    forced[shard]++;
                }
                else if (ShardMoveRule.Decide(shard, Shards, homes[shard], view, stableFor, Delay) == ShardMoveVerdict.Move)
                {
                    homes[shard] = ShardLayout.HomeOf(shard, Shards, view.Silos);
                    moves[shard]++;
                }
            }
        }

        Assert.Equal(ShardLayout.Of(Shards, [a2, b2, c2]), homes);
        Assert.All(moves, m => Assert.InRange(m, 0, 1));
        Assert.True(moves.Sum() + forced.Sum() <= 2 * Shards, $"{moves.Sum()} moves and {forced.Sum()} forced ones");
    }

    [Theory]
    [InlineData(30, 10)]
    [InlineData(6, 2)]
    [InlineData(0, 1)]
    [InlineData(600, 10)]
    public void Shards_ask_every_third_of_the_delay_between_one_and_ten_seconds(int delaySeconds, int intervalSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(intervalSeconds), ShardRebalancer.CheckIntervalFor(TimeSpan.FromSeconds(delaySeconds)));
    }

    [Fact]
    public void The_rebalance_delay_is_validated_and_following_the_cluster_is_the_default()
    {
        var options = new ModelPipelineOptions();
        Assert.True(options.FollowCluster);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RebalanceDelay);
        Assert.Empty(options.Validate());

        Assert.Empty(new ModelPipelineOptions { RebalanceDelay = TimeSpan.Zero }.Validate());
        Assert.Empty(new ModelPipelineOptions { RebalanceDelay = TimeSpan.FromMinutes(10) }.Validate());
        Assert.Contains(new ModelPipelineOptions { RebalanceDelay = TimeSpan.FromSeconds(-1) }.Validate(), e => e.Contains("RebalanceDelay"));
        Assert.Contains(new ModelPipelineOptions { RebalanceDelay = TimeSpan.FromMinutes(10.5) }.Validate(), e => e.Contains("RebalanceDelay"));
    }

    private static (int Shard, string Away) AwayFromHome(ShardClusterView view)
    {
        var layout = ShardLayout.Of(Shards, view.Silos);
        return (0, view.Silos.First(s => s != layout[0]));
    }
}
