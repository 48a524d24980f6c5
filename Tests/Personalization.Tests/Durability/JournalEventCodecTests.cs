using Personalization.Abstractions;
using Personalization.Journal;

namespace Personalization.Tests.Durability;

/// <summary>The stored event format is explicit and stable: stored text from this version must stay readable.</summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class JournalEventCodecTests
{
    private const string StoredV1 =
        """{"v":1,"id":"e-1","track":"t-9","artist":"a-3","kind":"skip","ts":"2025-03-01T12:00:01.0000001+00:00","pos":1500,"dur":200000,"src":"radio","dev":"car"}""";

    private static readonly ListenEvent Sample = new(
        "e-1", "t-9", "a-3", EventKind.Skip, new DateTimeOffset(2025, 3, 1, 12, 0, 1, TimeSpan.Zero).AddTicks(1), 1500, 200_000, new ListenContext("radio", "car"));

    [Fact]
    public void Encoding_writes_the_documented_v1_text() => Assert.Equal(StoredV1, JournalEventCodec.Encode(Sample));

    [Fact]
    public void Stored_v1_text_decodes_to_the_event() => Assert.Equal(Sample, JournalEventCodec.Decode(StoredV1));

    [Fact]
    public void Optional_fields_are_omitted_and_restored_as_absent()
    {
        var bare = Sample with { PositionMs = null, DurationMs = null, Context = null, Kind = EventKind.Like };
        var json = JournalEventCodec.Encode(bare);
        Assert.DoesNotContain("pos", json, StringComparison.Ordinal);
        Assert.DoesNotContain("src", json, StringComparison.Ordinal);
        Assert.Equal(bare, JournalEventCodec.Decode(json));
    }

    [Fact]
    public void Every_kind_has_a_stable_stored_name()
    {
        Assert.Equal(["play", "complete", "skip", "like", "dislike", "save"], Enum.GetValues<EventKind>().Select(JournalEventCodec.KindName));
        Assert.All(Enum.GetValues<EventKind>(), k => Assert.Equal(k, JournalEventCodec.KindOf(JournalEventCodec.KindName(k))));
    }

    [Theory]
    [InlineData("""{"v":2,"id":"e","track":"t","artist":"a","kind":"play","ts":"2025-03-01T12:00:00+00:00"}""")]
    [InlineData("""{"v":1,"id":"e","track":"t","artist":"a","kind":"Play","ts":"2025-03-01T12:00:00+00:00"}""")]
    [InlineData("""{"v":1,"id":"e","track":"t","kind":"play","ts":"2025-03-01T12:00:00+00:00"}""")]
    [InlineData("not json")]
    public void Unreadable_entries_are_reported_not_guessed(string stored) =>
        Assert.Throws<InvalidDataException>(() => JournalEventCodec.Decode(stored));
}
