using System.Reflection;
using Personalization.Engine;

namespace Personalization.Tests.Domain;

/// <summary>
/// The candidate pool (a per-thread table reused without clearing, ranked lazily through a heap) against a reference:
/// a fresh dictionary per use and a full sort by (score descending, track ascending).
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class CandidatePoolTests
{
    private sealed record Step(bool IsScale, int Track, int Artist, double Value, ReasonKind Reason, int Anchor);

    [Theory]
    [InlineData(1, 40, 200)]
    [InlineData(2, 300, 2_000)]
    [InlineData(3, 5_000, 20_000)] // grows the table well past its first size
    public void Ranks_every_candidate_exactly_as_a_fresh_dictionary_and_a_full_sort(int seed, int tracks, int steps)
    {
        var script = Script(seed, tracks, steps);

        var ranked = Run(script).ToList();

        Assert.Equal(Reference(script), ranked);
    }

    [Fact]
    public void A_reused_table_holds_nothing_of_its_previous_use()
    {
        var first = Script(seed: 11, tracks: 3_000, steps: 6_000); // the table grows, then is kept for reuse
        var second = Script(seed: 12, tracks: 50, steps: 80);
        _ = Run(first).Take(3).ToList(); // stopped early, like a recommendation that has its 20

        var ranked = Run(second).ToList();

        Assert.Equal(Reference(second), ranked);
    }

    [Fact]
    public void Scaling_a_track_that_is_not_a_candidate_adds_nothing()
    {
        var pool = new CandidatePool();
        pool.Add(7, 1, 0.5, ReasonKind.Trending, -1);
        pool.Scale(8, 3);

        var ranked = pool.Ranked().ToList();

        Assert.Equal([7], ranked.Select(c => c.Track));
        Assert.Equal(0.5, ranked[0].Score);
    }

    [Fact]
    public void A_pool_is_ranked_once()
    {
        var pool = new CandidatePool();
        pool.Add(1, 1, 1, ReasonKind.Trending, -1);
        _ = pool.Ranked().ToList();

        Assert.Throws<InvalidOperationException>(() => pool.Add(2, 1, 1, ReasonKind.Trending, -1));
    }

    [Fact]
    public void When_the_use_stamp_wraps_around_old_entries_do_not_come_back()
    {
        var table = new CandidateTable(16);
        table.GetOrAdd(42, out _) = new CandidatePool.Candidate(42, 1, 1, 1, ReasonKind.Trending, -1);
        typeof(CandidateTable).GetField("_stamp", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(table, uint.MaxValue);
        table.GetOrAdd(43, out _) = new CandidatePool.Candidate(43, 1, 1, 1, ReasonKind.Trending, -1); // written under the last stamp

        table.Reset(); // the stamp wraps: every slot is cleared once

        Assert.Equal(0, table.Count);
        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref table.Find(42)));
        Assert.True(System.Runtime.CompilerServices.Unsafe.IsNullRef(ref table.Find(43)));
        table.GetOrAdd(43, out var exists);
        Assert.False(exists);
    }

    private static List<Step> Script(int seed, int tracks, int steps)
    {
        var random = new Random(seed);
        var reasons = Enum.GetValues<ReasonKind>();
        var script = new List<Step>(steps);
        for (var i = 0; i < steps; i++)
        {
            // Ids spread like interned ids (dense, some far apart), scores with exact ties, now and then a scale.
            var track = random.Next(4) == 0 ? random.Next(tracks) * 1_000 : random.Next(tracks);
            var scale = random.Next(10) == 0;
            var value = scale ? random.Next(4) * 0.5 : random.Next(1, 6) * 0.25;
            script.Add(new Step(scale, track, random.Next(-1, 20), value, reasons[random.Next(reasons.Length)], random.Next(-1, 50)));
        }

        return script;
    }

    private static IEnumerable<CandidatePool.Candidate> Run(IEnumerable<Step> script)
    {
        var pool = new CandidatePool();
        foreach (var s in script)
        {
            if (s.IsScale) pool.Scale(s.Track, s.Value);
            else pool.Add(s.Track, s.Artist, s.Value, s.Reason, s.Anchor);
        }

        return pool.Ranked();
    }

    /// <summary>The pool's documented semantics, written the plain way.</summary>
    private static List<CandidatePool.Candidate> Reference(IEnumerable<Step> script)
    {
        var candidates = new Dictionary<int, CandidatePool.Candidate>();
        foreach (var s in script)
        {
            if (s.IsScale)
            {
                if (candidates.TryGetValue(s.Track, out var scaled)) candidates[s.Track] = scaled with { Score = scaled.Score * s.Value };
                continue;
            }

            if (!(s.Value > 0)) continue;
            if (!candidates.TryGetValue(s.Track, out var c))
            {
                candidates[s.Track] = new CandidatePool.Candidate(s.Track, s.Artist, s.Value, s.Value, s.Reason, s.Anchor);
                continue;
            }

            var best = s.Value > c.Best;
            candidates[s.Track] = c with
            {
                Artist = c.Artist >= 0 ? c.Artist : s.Artist,
                Score = c.Score + s.Value,
                Best = best ? s.Value : c.Best,
                Reason = best ? s.Reason : c.Reason,
                Anchor = best ? s.Anchor : c.Anchor,
            };
        }

        return [.. candidates.Values.OrderByDescending(c => c.Score).ThenBy(c => c.Track)];
    }
}
