using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>
/// The shards' change log: a reader at any version pulls exactly the keys changed after it, whether or not the log
/// compacted meanwhile, and a compacted log keeps one entry per key, in version order.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelChangeLogTests
{
    [Fact]
    public void Readers_at_every_version_pull_exactly_the_keys_changed_after_it_across_compactions()
    {
        var log = new ModelChangeLog();
        var lastChange = new Dictionary<(ChangeKind, int), long>();
        var random = new Random(7);
        for (var version = 1; version <= 3_000; version++)
        {
            // 1–8 keys a version over 600 keys of two kinds: the log passes its compaction threshold many times.
            var delta = new ModelDelta();
            for (var k = random.Next(1, 9); k > 0; k--)
            {
                var key = random.Next(300);
                if (random.Next(2) == 0) delta.Successors.Add((key, [new ScoredId(1, 1f)]));
                else delta.ArtistTops.Add((key, [new ScoredId(1, 1f)]));
            }

            log.Record(delta);
            foreach (var (key, _) in delta.Successors) lastChange[(ChangeKind.Successors, key)] = log.Version;
            foreach (var (key, _) in delta.ArtistTops) lastChange[(ChangeKind.ArtistTop, key)] = log.Version;
        }

        Assert.InRange(log.EntryCount, lastChange.Count, (2 * lastChange.Count) + 4096); // compacted: bounded by the keys
        foreach (var after in new long[] { 0, 1, 500, 2_500, 2_990, 2_999, 3_000 })
        {
            var expected = lastChange.Where(c => c.Value > after).Select(c => c.Key).ToHashSet();
            var pulled = log.Since(after, int.MaxValue);
            Assert.Equal(expected, pulled.Keys.Select(k => (k.Kind, k.Key)).ToHashSet());
            Assert.Equal(pulled.Keys.Count, pulled.Keys.Distinct().Count());
            Assert.False(pulled.HasMore);
            Assert.Equal(log.Version, pulled.Version);
        }
    }

    [Fact]
    public void A_reader_pulling_in_small_steps_after_compactions_sees_every_key_and_versions_only_move_forward()
    {
        var log = new ModelChangeLog();
        for (var round = 0; round < 20; round++)
        {
            // Each round changes keys 0..499, one a version: 10,000 entries, compacted as they come.
            for (var key = 0; key < 500; key++) log.Record(new ModelDelta { Successors = { (key, [new ScoredId(1, 1f)]) } });
        }

        Assert.True(log.EntryCount < 10_000, $"{log.EntryCount} entries: the log did not compact");
        var seen = new HashSet<int>();
        long version = 0;
        while (true)
        {
            var set = log.Since(version, 64);
            Assert.True(set.Version > version, $"a pull from {version} stopped at {set.Version}");
            Assert.InRange(set.Keys.Count, 1, 64);
            foreach (var (_, key) in set.Keys) seen.Add(key);
            version = set.Version;
            if (!set.HasMore) break;
        }

        Assert.Equal(Enumerable.Range(0, 500).ToHashSet(), seen);
        Assert.Equal(log.Version, version);
        Assert.Empty(log.Since(version, 64).Keys);
    }
}
