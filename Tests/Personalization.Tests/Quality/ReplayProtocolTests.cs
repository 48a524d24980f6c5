using Personalization.Engine.SessionLogs;
using Personalization.Bench.Evaluation;

namespace Personalization.Tests.Quality;

[Trait("Category", "Quality")]
[Trait("Requires", "None")]
public sealed class ReplayProtocolTests
{
    [Fact]
    public void Exact_duplicates_are_dropped_and_counted_and_events_sorted_by_time_session_file_order()
    {
        var slice = SessionLogReader.Parse("t", new StringReader(
            "UserId\tSessionId\tItemId\tTime\tArtistId\n" +
            "u\t10\tB\t5\tx\n" +
            "u\t9\tA\t5\tx\n" +
            "u\t9\tA\t5\tx\n" +
            "u\t9\tC\t5\tx\n" +
            "u\t9\tA\t6\tx\n" +
            "u\t10\tZ\t1\tx\n"));

        Assert.Equal(1, slice.DuplicatesDropped);
        // Time first; at equal time numeric session 9 before 10; inside a session, file order.
        Assert.Equal(["Z", "A", "C", "B", "A"], slice.Events.Select(e => e.ItemId));
    }

    [Fact]
    public void Missing_file_fails_with_a_clear_message()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SessionLogReader.Read("../no-such-dir/events.tsv.gz"));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warm_up_events_are_only_recorded_and_later_events_are_scored_only_when_their_session_continues()
    {
        // 10 events, warm-up 0.7 → events 0..6 are warm-up. Event 6 continues s1 but is warm-up; event 7 continues s1
        // and is scored; event 8 opens s3 (not scored); event 9 continues s3 (scored).
        var rows = new[] { "s1", "s2", "s1", "s2", "s1", "s2", "s1", "s1", "s3", "s3" };
        var text = "UserId\tSessionId\tItemId\tTime\tArtistId\n" +
            string.Concat(rows.Select((s, i) => $"u-{s}\t{s}\tt{i}\t{100 + i}\ta\n"));
        var spy = new SpyModel();
        var runner = new ReplayRunner(0.7);

        var result = await runner.RunAsync(ReplayFixtures.Parse(text), new TrackCatalog(), [spy]);

        Assert.Equal(7, result.WarmupEvents);
        Assert.Equal([107L, 109L], spy.Queries.Select(q => q.Query.Time));
        Assert.Equal(2, result.Metrics["spy"].N);
        Assert.Equal(10, spy.Recorded.Count);
    }

    [Fact]
    public async Task A_model_is_never_told_the_event_it_is_scored_on_before_the_query()
    {
        var slice = ReplayFixtures.Parse(ReplayFixtures.FiveEvents);
        var spy = new SpyModel();

        await new ReplayRunner(0.4).RunAsync(slice, new TrackCatalog(), [spy]);

        Assert.Equal(2, spy.Queries.Count);
        foreach (var (query, knownBefore) in spy.Queries)
        {
            var scored = slice.Events.Single(e => e.Time == query.Time);
            Assert.DoesNotContain(scored, knownBefore);
            // ... and knew exactly every earlier event, in replay order.
            Assert.Equal(slice.Events.TakeWhile(e => e != scored), knownBefore);
        }
    }

    [Fact]
    public void Warm_up_share_is_rounded_to_the_nearest_event()
    {
        var runner = new ReplayRunner(0.7);
        Assert.Equal(15309, runner.WarmupCount(21870)); // 0.7 × 21870 is 15308.999… in binary
        Assert.Equal(14317, runner.WarmupCount(20453));
        Assert.Equal(14538, runner.WarmupCount(20768));
    }
}
