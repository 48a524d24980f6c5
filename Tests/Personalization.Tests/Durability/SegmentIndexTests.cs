using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class SegmentIndexTests
{
    private static JournalAppendRecord Append(string user, long first, int count = 1) => new(user, first, [.. Enumerable.Repeat("{}", count)]);

    private static SegmentEntry[] Entries(string user, long first, int count = 1) =>
        [.. Enumerable.Range(0, count).Select(i => new SegmentEntry(user, first + i, "{}"))];

    [Fact]
    public void A_plan_accepts_only_appends_that_continue_their_user_including_earlier_ones_of_the_same_plan()
    {
        var index = new SegmentIndex();
        index.Verify("a", 10);
        index.Verify("b", 0);

        var outcomes = index.Plan([Append("a", 11, 2), Append("a", 13), Append("b", 2), Append("b", 1), Append("a", 11)]);

        Assert.Equal(
            [JournalAppendOutcome.Committed, JournalAppendOutcome.Committed, JournalAppendOutcome.Conflict, JournalAppendOutcome.Committed, JournalAppendOutcome.Conflict],
            outcomes);
    }

    [Fact]
    public void Planning_an_unverified_user_is_a_bug_not_a_guess()
    {
        var index = new SegmentIndex();
        index.Absorb(1, 1, Entries("a", 1, 3)); // seen in a segment, but its snapshot may be further on

        Assert.Throws<InvalidOperationException>(() => index.Plan([Append("a", 4)]));
    }

    [Fact]
    public void The_last_sequence_is_the_larger_of_the_segments_and_the_snapshot()
    {
        var index = new SegmentIndex();
        index.Absorb(1, 1, Entries("a", 1, 3));
        index.Absorb(2, 1, Entries("b", 1, 1));

        index.Verify("a", 2);
        index.Verify("b", 7);

        Assert.Equal(3, index.LastOf("a"));
        Assert.Equal(7, index.LastOf("b"));
    }

    [Fact]
    public void Covered_segments_become_deletable_but_never_the_highest()
    {
        var index = new SegmentIndex();
        index.Absorb(1, 1, [.. Entries("a", 1, 2), .. Entries("b", 1)]);
        index.Absorb(2, 2, Entries("a", 3));

        index.Cover("a", 3);
        var whileBHolds = index.TakeDeletable();
        index.Cover("b", 1);
        var afterB = index.TakeDeletable();
        index.Absorb(3, 1, Entries("c", 1));
        var afterNewer = index.TakeDeletable();

        Assert.Empty(whileBHolds);
        Assert.Equal([1L], afterB); // 2 is covered too, but the highest
        Assert.Equal([2L], afterNewer);
        Assert.Equal(1, index.LiveEntries);
        Assert.Equal(2, index.PartsOf(2));
    }

    [Fact]
    public void Entries_absorbed_after_their_cover_do_not_count()
    {
        var index = new SegmentIndex();
        index.Cover("a", 5);
        index.Absorb(1, 1, Entries("a", 4, 3)); // 4, 5 covered; 6 live
        index.Absorb(2, 1, Entries("b", 1));

        Assert.Equal(2, index.LiveEntries);
        Assert.Equal([1L], index.SegmentsAfter("a", 0));
        Assert.Empty(index.TakeDeletable());
    }

    [Fact]
    public void A_tail_names_each_segment_holding_entries_after_the_sequence_once_in_order()
    {
        var index = new SegmentIndex();
        index.Absorb(4, 1, Entries("a", 1, 2));
        index.Absorb(5, 1, Entries("b", 1));
        index.Absorb(7, 1, Entries("a", 3));

        Assert.Equal([4L, 7], index.SegmentsAfter("a", 0));
        Assert.Equal([7L], index.SegmentsAfter("a", 2));
        Assert.Empty(index.SegmentsAfter("nobody", 0));
    }

    [Fact]
    public void After_a_conflict_the_user_is_verified_again_from_what_is_stored()
    {
        var index = new SegmentIndex();
        index.Verify("a", 0);
        index.Absorb(1, 1, Entries("a", 1, 2));

        index.Unverify("a");

        Assert.False(index.IsVerified("a"));
        Assert.Equal(2, index.LastOf("a"));
        index.Verify("a", 40); // a newer snapshot written by another activation
        Assert.Equal(40, index.LastOf("a"));
    }

    [Fact]
    public void Forgetting_a_user_releases_its_entries_and_restarts_its_log()
    {
        var index = new SegmentIndex();
        index.Absorb(1, 1, [.. Entries("a", 1, 2), .. Entries("b", 1)]);
        index.Absorb(2, 1, Entries("b", 2));

        index.Forget("a");

        Assert.Equal(0, index.LastOf("a"));
        Assert.True(index.IsVerified("a"));
        Assert.Equal(2, index.LiveEntries);
        Assert.Equal([JournalAppendOutcome.Committed], index.Plan([Append("a", 1)]));
    }

    [Fact]
    public void The_sweep_finds_users_whose_oldest_uncovered_entry_is_in_an_old_segment()
    {
        var index = new SegmentIndex();
        index.Absorb(1, 1, [.. Entries("old", 1), .. Entries("both", 1)], at: 1_000);
        index.Absorb(2, 1, [.. Entries("new", 1), .. Entries("both", 2)], at: 9_000);

        var pinning = index.UsersPinningSince(5_000, max: 10);
        index.Cover("old", 1);
        var afterCover = index.UsersPinningSince(5_000, max: 10);

        Assert.Equal(["both", "old"], pinning.Order());
        Assert.Equal(["both"], afterCover);
        Assert.Single(index.UsersPinningSince(5_000, max: 1));
    }

    [Fact]
    public void Trimming_forgets_only_users_with_nothing_uncovered()
    {
        var index = new SegmentIndex();
        for (var i = 0; i < 10; i++) index.Verify($"idle{i}", 5);
        index.Absorb(1, 1, Entries("busy", 1));

        var trimmed = index.Trim(maxUsers: 5);

        Assert.True(trimmed >= 6);
        Assert.True(index.UserCount <= 5);
        Assert.Equal(1, index.LastOf("busy"));
    }
}
