using Personalization.Engine;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class VocabularyTests
{
    [Fact]
    public void Interning_the_same_name_twice_returns_the_same_id_and_names_round_trip()
    {
        var vocabulary = new Vocabulary();
        var a = vocabulary.Intern("track-a");
        var b = vocabulary.Intern("track-b");

        Assert.Equal(a, vocabulary.Intern("track-a"));
        Assert.NotEqual(a, b);
        Assert.Equal("track-b", vocabulary.NameOf(b));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.NameOf(99));
    }

    [Theory]
    [InlineData("ascii-id-42")]
    [InlineData("Björk – Jóga")]                  // two- and three-byte characters
    [InlineData("日本語のアーティスト")]
    [InlineData("emoji 🎵 and a surrogate pair")] // four bytes for two chars
    [InlineData("")]
    public void Admitted_names_of_any_script_are_stored_as_bytes_and_round_trip(string name)
    {
        var vocabulary = new Vocabulary();
        var leasedFirst = vocabulary.Lease(name + "#leased", out _);
        var id = vocabulary.Intern(name);
        vocabulary.Intern(name + "#leased"); // admitting a leased name moves it into the arena too

        Assert.Equal(name, vocabulary.NameOf(id));
        Assert.Equal(name, vocabulary.NameOf(id)); // from the cache of decoded names
        Assert.Equal(name + "#leased", vocabulary.NameOf(leasedFirst));
        Assert.True(vocabulary.TryGetId(name, out var found));
        Assert.Equal(id, found);
        Assert.Equal(id, vocabulary.Intern(name));
        Assert.False(vocabulary.TryGetId(name + "x", out _));
        Assert.False(vocabulary.TryGetId(name.Length > 0 ? name[..^1] : "x", out _));
        Assert.True(vocabulary.NameBytes > 0);
    }

    [Fact]
    public void Writing_a_name_gives_the_bytes_a_binary_writer_gives_its_string()
    {
        var vocabulary = new Vocabulary();
        var names = new[] { "t-1", "Björk", "日本語", "🎵x", "", new string('a', 200), new string('b', 40_000), "lone-\uD800" };
        var ids = names.Select(vocabulary.Intern).ToList();
        ids.Add(vocabulary.Lease("only-leased", out _));

        foreach (var id in ids)
        {
            using var expected = new MemoryStream();
            using var actual = new MemoryStream();
            using (var w = new BinaryWriter(expected, System.Text.Encoding.UTF8, leaveOpen: true)) w.Write(vocabulary.NameOf(id));
            using (var w = new BinaryWriter(actual, System.Text.Encoding.UTF8, leaveOpen: true)) vocabulary.WriteName(w, id);
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }

        using var sink = new BinaryWriter(Stream.Null);
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.WriteName(sink, 1_000));
    }

    [Fact]
    public void A_name_with_a_lone_surrogate_stays_itself_and_never_matches_the_replacement_character()
    {
        var vocabulary = new Vocabulary();
        var replaced = vocabulary.Intern("track-\uFFFD");
        var lone = vocabulary.Intern("track-\uD800");   // no UTF-8 form: kept as a string
        var other = vocabulary.Intern("track-\uDC00");

        Assert.Equal(3, new[] { replaced, lone, other }.Distinct().Count());
        Assert.Equal("track-\uD800", vocabulary.NameOf(lone));
        Assert.Equal("track-\uFFFD", vocabulary.NameOf(replaced));
        Assert.True(vocabulary.TryGetId("track-\uDC00", out var found));
        Assert.Equal(other, found);
        Assert.False(vocabulary.TryGetId("track-\uDBFF", out _));
    }

    [Fact]
    public void Names_of_every_length_and_names_too_long_for_the_arena_are_all_found_again_after_the_index_grows()
    {
        var vocabulary = new Vocabulary();
        var names = Enumerable.Range(0, 5_000).Select(i => new string((char)('a' + (i % 26)), i % 300) + $"é{i}").ToList();
        names.Add(new string('z', 40_000)); // beyond two bytes of length: kept as a string
        var ids = names.Select(vocabulary.Intern).ToList();

        for (var i = 0; i < names.Count; i++)
        {
            Assert.Equal(names[i], vocabulary.NameOf(ids[i]));
            Assert.True(vocabulary.TryGetId(names[i], out var id));
            Assert.Equal(ids[i], id);
        }
    }

    [Fact]
    public void A_leased_name_is_reclaimed_when_its_last_lease_ends_and_its_number_is_reused()
    {
        var vocabulary = new Vocabulary();
        var id = vocabulary.Lease("fresh", out var leased);
        Assert.True(leased);
        Assert.Equal(id, vocabulary.Lease("fresh", out _)); // a second listener
        vocabulary.Release(id);
        Assert.Equal("fresh", vocabulary.NameOf(id)); // one lease left

        vocabulary.Release(id);
        Assert.False(vocabulary.TryGetId("fresh", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.NameOf(id));
        Assert.Equal(1, vocabulary.Reclaimed);
        Assert.Equal(id, vocabulary.Lease("other", out _)); // the number is reused
        Assert.Equal("other", vocabulary.NameOf(id));
    }

    [Fact]
    public void Admitting_a_leased_name_keeps_its_number_and_releasing_it_then_changes_nothing()
    {
        var vocabulary = new Vocabulary();
        var id = vocabulary.Lease("t", out _);
        Assert.False(vocabulary.IsAdmitted(id));

        Assert.Equal(id, vocabulary.Intern("t"));
        vocabulary.Release(id);
        Assert.True(vocabulary.IsAdmitted(id));
        Assert.Equal("t", vocabulary.NameOf(id));
        Assert.Equal(0, vocabulary.LeasedCount);
        Assert.Equal(id, vocabulary.Lease("t", out var leased));
        Assert.False(leased); // nothing to release for an admitted name
    }

    [Fact]
    public void A_listener_holds_one_lease_per_name_and_collecting_releases_what_its_state_no_longer_references()
    {
        var vocabulary = new Vocabulary();
        var options = new EngineOptions { HistoryCapacity = 4, MaxTrackAffinities = 4, MaxArtistAffinities = 4 };
        var ids = new ListenerIds(vocabulary, maxLeases: 8);
        var state = new ListenerState(options);
        const long T0 = 1_767_571_200_000;
        for (var i = 0; i < 40; i++)
        {
            var listen = new Listen(ids.Id($"t{i}"), ids.Id("artist"), SignalKind.Complete, T0 + i * 60_000L);
            state.Apply($"e{i}", listen);
            Assert.Equal(listen.Track, ids.Id($"t{i}")); // the same name, the same lease
            ids.Collect(state);
        }

        Assert.InRange(ids.LeaseCount, 1, 8);
        Assert.InRange(vocabulary.LeasedCount, 1, 8);
        Assert.True(vocabulary.TryGetId("t39", out _)); // in the history
        Assert.False(vocabulary.TryGetId("t0", out _)); // dropped from every list of the state: reclaimed

        ids.ReleaseAll();
        Assert.Equal(0, vocabulary.LeasedCount);
    }
}
