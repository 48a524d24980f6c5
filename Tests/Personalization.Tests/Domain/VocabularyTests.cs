using Personalization.Engine;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
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
}
