using Personalization.Engine.Blend;

namespace Personalization.Tests.Beyond;

/// <summary>The Blend mixer on its own (plain C#): the fairness floor, shared tracks first, vetoes, good-for accounting.</summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class BlendMixerTests
{
    private static readonly BlendMixer Mixer = new(new BlendOptions());

    [Fact]
    public void Every_prefix_of_random_queues_gives_each_member_at_least_the_documented_floor()
    {
        var random = new Random(9);
        for (var trial = 0; trial < 400; trial++)
        {
            var members = Enumerable.Range(0, random.Next(2, 9)).Select(m => RandomMember(random, m)).ToArray();
            var count = random.Next(1, 51);

            var result = Mixer.Mix(members, count);

            var usable = members.Select(m => Usable(m, members, personalOnly: false)).ToArray();
            var personal = members.Select(m => Usable(m, members, personalOnly: true)).ToArray();
            var union = usable.SelectMany(u => u).Distinct().Count();
            Assert.Equal(Math.Min(count, union), result.Items.Count);
            Assert.Equal(result.Items.Count, result.Items.Select(i => i.Candidate.TrackId).Distinct().Count());
            var shares = new int[members.Length];
            for (var k = 0; k < result.Items.Count; k++)
            {
                var item = result.Items[k];
                Assert.Contains(item.Candidate.TrackId, usable[item.PickedFor]); // never a vetoed track, always the picker's own
                Assert.Equal(ExpectedGoodFor(item, members, personal), item.GoodFor);
                foreach (var m in item.GoodFor) shares[m]++;
                for (var m = 0; m < members.Length; m++)
                {
                    var floor = (k + 1) / members.Length;
                    var owed = usable[m].Count >= count ? floor : Math.Min(floor, personal[m].Count);
                    Assert.True(shares[m] >= owed, $"trial {trial}: member {m} has {shares[m]} of the first {k + 1} items, floor {owed}");
                }
            }

            Assert.Equal(shares, result.Shares);
            Assert.Equal(usable.Select(u => u.Count), result.UsableCandidates);
            Assert.Equal(count / members.Length, result.FairnessFloor);
        }
    }

    [Fact]
    public void A_track_good_for_both_members_comes_first_then_turns_alternate()
    {
        var alice = Member("alice", [Personal("a1", "x", 1.0), Personal("shared", "y", 0.6)]);
        var bob = Member("bob", [Personal("b1", "z", 1.0), Personal("shared", "y", 0.4)]);

        var result = Mixer.Mix([alice, bob], 3);

        Assert.Equal(["shared", "b1", "a1"], result.Items.Select(i => i.Candidate.TrackId));
        Assert.Equal([0, 1], result.Items[0].GoodFor);
        Assert.Equal(1.0, result.Items[0].GroupValue, 6);
        Assert.Equal(1, result.Items[1].PickedFor);
        Assert.Equal([2, 2], result.Shares);
    }

    [Fact]
    public void A_shared_track_the_picker_likes_much_less_waits_for_the_member_who_loves_it()
    {
        var alice = Member("alice", [Personal("a1", "x", 1.0), Personal("shared", "y", 0.3)]);
        var bob = Member("bob", [Personal("b1", "z", 1.0), Personal("shared", "y", 0.9)]);

        var result = Mixer.Mix([alice, bob], 3);

        Assert.Equal(["a1", "shared", "b1"], result.Items.Select(i => i.Candidate.TrackId));
        Assert.Equal(1, result.Items[1].PickedFor);
        Assert.Equal([2, 2], result.Shares);
    }

    [Fact]
    public void Without_a_shared_bonus_members_pick_by_their_own_rank()
    {
        var alice = Member("alice", [Personal("a1", "x", 1.0), Personal("shared", "y", 0.9)]);
        var bob = Member("bob", [Personal("b1", "z", 1.0), Personal("shared", "y", 0.9)]);

        var result = new BlendMixer(new BlendOptions { SharedBonus = 0 }).Mix([alice, bob], 2);

        Assert.Equal(["a1", "b1"], result.Items.Select(i => i.Candidate.TrackId));
    }

    [Fact]
    public void A_trending_candidate_common_to_everyone_is_not_promoted_as_shared()
    {
        var alice = Member("alice", [Personal("a1", "x", 1.0), Trending("hit")]);
        var bob = Member("bob", [Personal("b1", "z", 1.0), Trending("hit")]);

        var result = Mixer.Mix([alice, bob], 2);

        Assert.Equal(["a1", "b1"], result.Items.Select(i => i.Candidate.TrackId));
    }

    [Fact]
    public void A_track_by_a_members_favourite_artist_is_good_for_that_member_too()
    {
        var alice = Member("alice", [Personal("a1", "loved-by-bob", 1.0), Personal("a2", "x", 0.9)]);
        var bob = Member("bob", [Personal("b1", "z", 1.0)], favorites: ["loved-by-bob"]);

        var result = Mixer.Mix([alice, bob], 1);

        Assert.Equal("a1", result.Items[0].Candidate.TrackId);
        Assert.Equal([0, 1], result.Items[0].GoodFor);
        Assert.Equal([1, 1], result.Shares);
    }

    [Fact]
    public void What_any_member_blocked_or_whose_artist_they_dislike_is_never_queued()
    {
        var alice = Member("alice", [Personal("blocked-by-bob", "x", 1.0), Personal("by-hated", "hated", 0.9), Personal("ok", "x", 0.8)]);
        var bob = Member("bob", [Personal("b1", "z", 1.0)], disliked: ["hated"], blocked: ["blocked-by-bob"]);

        var result = Mixer.Mix([alice, bob], 10);

        Assert.Equal(["ok", "b1"], result.Items.Select(i => i.Candidate.TrackId));
        Assert.Equal([1, 1], result.UsableCandidates);
    }

    [Fact]
    public void A_member_with_few_candidates_gets_all_of_them_and_the_others_fill_the_queue()
    {
        var alice = Member("alice", [Personal("a1", "x", 1.0), Personal("a2", "x", 0.9)]);
        var bob = Member("bob", [.. Enumerable.Range(0, 20).Select(i => Personal($"b{i}", "z", 1.0 - i * 0.01))]);

        var result = Mixer.Mix([alice, bob], 10);

        Assert.Equal(10, result.Items.Count);
        Assert.Equal([2, 8], result.Shares);
    }

    private static BlendMemberInput RandomMember(Random random, int index)
    {
        var candidates = new List<BlendCandidate>();
        var n = random.Next(0, 61);
        for (var i = 0; i < n; i++)
        {
            var track = random.Next(80);
            candidates.Add(new BlendCandidate($"t{track}", $"ar{track % 12}", 1.0 - i * 0.01, "r", "code", null, random.Next(5) > 0));
        }

        return Member(
            $"m{index}",
            candidates,
            favorites: [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => $"ar{random.Next(12)}")],
            disliked: random.Next(4) == 0 ? [$"ar{random.Next(12)}"] : [],
            blocked: [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => $"t{random.Next(80)}")]);
    }

    /// <summary>The member's (personal) candidates without anything any member vetoes, first occurrence kept.</summary>
    private static List<string> Usable(BlendMemberInput member, BlendMemberInput[] all, bool personalOnly)
    {
        var blocked = all.SelectMany(m => m.BlockedTracks).ToHashSet();
        var disliked = all.SelectMany(m => m.DislikedArtists).ToHashSet();
        var usable = member.Candidates.Where(c => !blocked.Contains(c.TrackId) && !disliked.Contains(c.ArtistId!)).DistinctBy(c => c.TrackId);
        return [.. usable.Where(c => c.Personal || !personalOnly).Select(c => c.TrackId)];
    }

    /// <summary>The picker, and every member for whom it is a personal candidate or by a favourite artist.</summary>
    private static List<int> ExpectedGoodFor(BlendPick pick, BlendMemberInput[] members, List<string>[] personal) =>
        [.. Enumerable.Range(0, members.Length).Where(m =>
            m == pick.PickedFor || personal[m].Contains(pick.Candidate.TrackId) || members[m].FavoriteArtists.Contains(pick.Candidate.ArtistId!))];

    private static BlendCandidate Personal(string track, string artist, double score) => new(track, artist, score, "r", "after-track", null, true);

    private static BlendCandidate Trending(string track) => new(track, "charts", 0.01, "trending", "trending", null, false);

    private static BlendMemberInput Member(
        string id, IReadOnlyList<BlendCandidate> candidates, string[]? favorites = null, string[]? disliked = null, string[]? blocked = null) =>
        new(id, candidates, (favorites ?? []).ToHashSet(), (disliked ?? []).ToHashSet(), (blocked ?? []).ToHashSet());
}
