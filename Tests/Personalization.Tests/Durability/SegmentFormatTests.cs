using Personalization.Grains.Journal.Segments;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
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
