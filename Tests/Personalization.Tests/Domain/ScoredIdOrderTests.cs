using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>
/// The fast sort of published lists (one 64-bit key per entry) orders exactly as the comparer does: heaviest first,
/// ties by id — with ties, tiny and huge weights, and with weights it cannot key (zero, negative) mixed in.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ScoredIdOrderTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Sort_orders_as_the_comparer_does(int seed, bool withUnkeyable)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var items = new ScoredId[random.Next(0, 700)]; // beyond the keys kept on the stack too
            for (var i = 0; i < items.Length; i++)
            {
                var weight = random.Next(4) switch
                {
                    0 => random.Next(1, 4),                          // many ties: the id decides
                    1 => (float)random.NextDouble() * 1e-38f,         // subnormal and tiny
                    2 => float.MaxValue / random.Next(1, 1000),
                    _ => (float)random.NextDouble() * 100 + 1e-6f,
                };
                if (withUnkeyable && random.Next(50) == 0) weight = random.Next(2) == 0 ? 0 : -weight;
                items[i] = new ScoredId(random.Next(0, 1_000_000), weight);
            }

            var expected = items.ToArray();
            Array.Sort(expected, ScoredIdOrder.Instance);

            ScoredIdOrder.Sort(items);

            Assert.Equal(expected, items);
        }
    }

    [Fact]
    public void Weighted_set_top_is_the_heaviest_positive_entries_in_order()
    {
        var set = new WeightedSet(64);
        var random = new Random(5);
        for (var i = 0; i < 500; i++) set.Add(random.Next(100), random.Next(-2, 6));

        var top = set.Top(32);

        var expected = Enumerable.Range(0, set.Count).Select(i => new ScoredId(set.Ids[i], set.Weights[i])).Where(e => e.Weight > 0)
            .Order(ScoredIdOrder.Instance).Take(32).ToArray();
        Assert.Equal(expected, top);
        Assert.NotEmpty(top);
    }
}
