using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>
/// The merger's artist lists are the union of every shard's latest partial list, heaviest first, capped, through any
/// order of updates — although it keeps one union per artist and no copy of each shard's partial.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ShardMergerTests
{
    private const int Shards = 8;
    private const int Cap = 6;

    [Fact]
    public void Every_published_artist_list_is_the_capped_union_of_the_shards_latest_partials()
    {
        var random = new Random(21);
        var merger = new ShardMerger(Shards, Cap, 50);
        var latest = new Dictionary<(int Artist, int Shard), ScoredId[]>();
        for (var step = 0; step < 5_000; step++)
        {
            var shard = random.Next(Shards);
            var delta = new ModelDelta();
            foreach (var artist in Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(30)).Distinct())
            {
                // A shard's partial holds its own tracks (ids ≡ shard mod 8); sometimes empty (the shard dropped the
                // artist), sometimes longer than the cap, in no particular order; weights repeat, so ties are ordered by id.
                var list = random.Next(7) == 0 ? [] : Enumerable.Range(0, random.Next(1, 10))
                    .Select(_ => (random.Next(40) * Shards) + shard).Distinct()
                    .Select(id => new ScoredId(id, random.Next(1, 8))).ToArray();
                latest[(artist, shard)] = list;
                delta.ArtistTops.Add((artist, list));
            }

            var merged = merger.Merge(shard, delta);

            Assert.Equal(delta.ArtistTops.Count, merged.ArtistTops.Count);
            for (var i = 0; i < merged.ArtistTops.Count; i++)
            {
                var (artist, list) = merged.ArtistTops[i];
                Assert.Equal(delta.ArtistTops[i].Artist, artist);
                Assert.Equal(Expected(latest, artist), list);
            }
        }
    }

    [Fact]
    public void When_every_shard_drops_every_artist_the_merger_holds_nothing()
    {
        var merger = new ShardMerger(Shards, Cap, 50);
        for (var shard = 0; shard < Shards; shard++)
        {
            var delta = new ModelDelta();
            for (var artist = 0; artist < 20; artist++) delta.ArtistTops.Add((artist, Enumerable.Range(0, 9).Select(k => new ScoredId((k * Shards) + shard, k + 1)).ToArray()));
            merger.Merge(shard, delta);
        }

        Assert.True(merger.EstimatedBytes > 0);
        for (var shard = Shards - 1; shard >= 0; shard--)
        {
            var delta = new ModelDelta();
            for (var artist = 0; artist < 20; artist++) delta.ArtistTops.Add((artist, []));
            var merged = merger.Merge(shard, delta);
            Assert.All(merged.ArtistTops, a => Assert.Equal(shard == 0, a.Tracks.Length == 0));
        }

        Assert.Equal(0, merger.EstimatedBytes);
    }

    [Fact]
    public void A_shard_out_of_range_is_refused()
    {
        var merger = new ShardMerger(Shards, Cap, 50);

        Assert.Throws<ArgumentOutOfRangeException>(() => merger.Merge(Shards, new ModelDelta()));
    }

    private static ScoredId[] Expected(Dictionary<(int Artist, int Shard), ScoredId[]> latest, int artist)
    {
        var union = Enumerable.Range(0, Shards).SelectMany(s => latest.GetValueOrDefault((artist, s)) ?? []).ToList();
        union.Sort(ScoredIdOrder.Instance);
        return [.. union.Take(Cap)];
    }
}
