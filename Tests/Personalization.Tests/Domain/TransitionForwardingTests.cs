using Personalization.Abstractions.Model;
using Personalization.Grains.Model;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class TransitionForwardingTests
{
    private const int Shards = 8;

    [Fact]
    public void Each_source_goes_to_its_own_shard_at_its_position_numbered_per_shard_and_nothing_beyond_the_window()
    {
        var local = new TransitionForwarding(shard: 0, Shards, window: 3);
        var sources = Enumerable.Range(0, 200).Select(i => $"src-{i}").ToArray();
        var foreign = sources.Where(s => !local.IsLocalShard(local.ShardOf(s))).Take(4).ToArray();
        Assert.True(local.IsLocalShard(0));
        var observation = new ObservationRecord("t", "a", 5, 1f, [foreign[0], foreign[1], foreign[2], foreign[3]], Listener: 42);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i < 3, local.Forward(observation, i, local.ShardOf(foreign[i]))); // position 3 is beyond the window: it teaches nothing
        }

        Assert.False(local.Forward(observation, 4, local.ShardOf(foreign[0]))); // beyond the predecessors too: nothing, not an exception

        local.Complete(observation);
        var batches = local.Take();
        Assert.Empty(local.Take()); // taken once
        var records = batches.SelectMany(b => b.Batch.Observations.Select(o => (b.Shard, o))).ToList();
        foreach (var position in Enumerable.Range(0, 3))
        {
            var (shard, record) = Assert.Single(records, r => r.o.Predecessors.ElementAtOrDefault(position) == foreign[position]);
            Assert.Equal(local.ShardOf(foreign[position]), shard);
            Assert.True(record.TransitionOnly && record.PlayAlreadyCounted);
            Assert.Equal(("t", 42UL, 1f), (record.TrackId, record.Listener, record.Weight));
            Assert.All(record.Predecessors.Select((s, i) => (s, i)).Where(p => p.i != position), p => Assert.True(p.s.Length == 0 || local.ShardOf(p.s) == shard));
        }

        Assert.DoesNotContain(records, r => r.o.Predecessors.Contains(foreign[3]));
        Assert.All(batches, b => Assert.Equal(1, b.Batch.Sequence));

        local.Forward(observation, 0, local.ShardOf(foreign[0]));
        local.Complete(observation);
        var next = Assert.Single(local.Take());
        Assert.Equal(2, next.Batch.Sequence); // the next batch to the same shard
        Assert.Equal(batches[0].Batch.Sender, next.Batch.Sender);
    }
}
