using Personalization.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class SegmentFormatTests
{
    [Fact]
    public void Entries_round_trip_in_order_with_tabs_and_newlines_escaped_in_the_event_text()
    {
        SegmentEntry[] entries =
        [
            new("u-1", 1, """{"EventId":"a\tb\nc"}"""),
            new("u-2", 9_000_000_000, "{}"),
            new("u-1", 2, """{"x":"é ✓"}"""),
        ];

        var parts = SegmentFormat.Encode(entries);
        var decoded = parts.SelectMany(SegmentFormat.Decode).ToList();

        Assert.Single(parts);
        Assert.Equal(entries, decoded);
    }

    [Fact]
    public void Entries_that_do_not_fit_one_part_continue_in_the_next_each_part_under_the_limit()
    {
        var big = new string('x', 7_000);
        var entries = Enumerable.Range(1, 10).Select(i => new SegmentEntry($"u{i}", i, big)).ToList();

        var parts = SegmentFormat.Encode(entries);

        Assert.Equal(3, parts.Count); // 4 entries of ~7,000 characters per 30,000-character part
        Assert.All(parts, p => Assert.InRange(p.Length, 1, SegmentFormat.MaxPartChars));
        Assert.Equal(entries, parts.SelectMany(SegmentFormat.Decode));
    }

    [Fact]
    public void An_entry_longer_than_a_part_is_refused()
    {
        var entry = new SegmentEntry("u", 1, new string('x', SegmentFormat.MaxPartChars));

        Assert.Throws<ArgumentException>(() => SegmentFormat.Encode([entry]));
    }

    [Fact]
    public void A_segment_part_as_stored_by_the_first_version_still_reads()
    {
        // Written by this format's first version (seg1, StoredJournalEvent v1): a stored part must keep reading as it is.
        const string Stored =
            "seg1\n" +
            "41\tlistener-7\t{\"v\":1,\"id\":\"e-41\",\"track\":\"t-1\",\"artist\":\"a-1\",\"kind\":\"skip\",\"ts\":\"2025-03-01T12:00:01.0000001+00:00\",\"pos\":1500,\"dur\":200000,\"src\":\"radio\",\"dev\":\"car\"}\n" +
            "1\tlistener-8\t{\"v\":1,\"id\":\"e-1\",\"track\":\"t-2\",\"artist\":\"a-2\",\"kind\":\"play\",\"ts\":\"2025-03-01T12:00:02+00:00\"}\n";

        var entries = SegmentFormat.Decode(Stored).ToList();
        var first = JournalEventCodec.Decode(entries[0].Event);
        var second = JournalEventCodec.Decode(entries[1].Event);

        Assert.Equal([("listener-7", 41L), ("listener-8", 1L)], entries.Select(e => (e.UserId, e.Sequence)));
        Assert.Equal(new ListenEvent("e-41", "t-1", "a-1", EventKind.Skip, new DateTimeOffset(2025, 3, 1, 12, 0, 1, TimeSpan.Zero).AddTicks(1), 1500, 200_000, new ListenContext("radio", "car")), first);
        Assert.Equal(new ListenEvent("e-1", "t-2", "a-2", EventKind.Play, new DateTimeOffset(2025, 3, 1, 12, 0, 2, TimeSpan.Zero)), second);
    }

    [Fact]
    public void An_empty_segment_is_a_header_only_part()
    {
        var parts = SegmentFormat.Encode([]);

        Assert.Equal(SegmentFormat.Header + "\n", Assert.Single(parts));
        Assert.Empty(SegmentFormat.Decode(parts[0]));
    }

    [Theory]
    [InlineData("seg2\n1\tu\t{}\n")]
    [InlineData("seg1\nx\tu\t{}\n")]
    [InlineData("seg1\n1\tu-without-event\n")]
    public void A_part_in_an_unknown_format_is_refused_with_a_clear_error(string part)
    {
        var error = Assert.Throws<InvalidDataException>(() => SegmentFormat.Decode(part).ToList());

        Assert.Contains("journal segment", error.Message, StringComparison.Ordinal);
    }
}
