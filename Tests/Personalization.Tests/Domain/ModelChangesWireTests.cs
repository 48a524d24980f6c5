using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Grains.Model;

namespace Personalization.Tests.Domain;

/// <summary>
/// What a model shard sends a reader: every name once, lists as slots into that table. A reader on another silo (other
/// ids for the same names) gets the shard's lists back in its own ids, in order, after the Orleans serializer; a block
/// that does not hold together is named before anything is read from it.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelChangesWireTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(ModelChanges).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void Lists_sharing_tracks_send_each_name_once_and_a_reader_with_other_ids_gets_them_back_in_order()
    {
        var shard = new Vocabulary();
        int Id(string name) => shard.Intern(name);
        var names = new ModelNameTable(shard);
        var successors = new ModelListsBuilder(names);
        successors.Add(Id("a"), [new ScoredId(Id("b"), 3f), new ScoredId(Id("c"), 2f)]);
        successors.Add(Id("b"), [new ScoredId(Id("c"), 5f), new ScoredId(Id("a"), 1f)]);
        successors.Add(Id("gone"), []);
        var lists = successors.ToLists(); // before the names: its entries enter the table as it is written
        var changes = new ModelChanges(7, false, names.ToArray(), lists, ModelLists.Empty, [], null);

        var received = Wire.Deserialize<ModelChanges>(Wire.SerializeToArray(changes));
        Assert.NotNull(received);

        Assert.Equal(["a", "b", "c", "gone"], received.Names.Order()); // four names for seven mentions
        Assert.Null(received.Successors.Problem(received.Names.Length));
        var reader = new Vocabulary();
        foreach (var other in new[] { "x", "y", "c" }) reader.Intern(other); // this silo numbers its names otherwise
        var pulled = new PulledNames(received.Names, reader);
        lists = received.Successors;
        Assert.Equal(3, lists.Count);
        string Entry(int list, int k) => reader.NameOf(pulled.Intern(lists.Ids[lists.StartOf(list) + k])) + ":" + lists.Weights[lists.StartOf(list) + k];
        Assert.Equal("a", reader.NameOf(pulled.Intern(lists.Keys[0])));
        Assert.Equal(["b:3", "c:2"], [Entry(0, 0), Entry(0, 1)]);
        Assert.Equal("b", reader.NameOf(pulled.Intern(lists.Keys[1])));
        Assert.Equal(["c:5", "a:1"], [Entry(1, 0), Entry(1, 1)]);
        Assert.Equal(reader.Intern("c"), pulled.Intern(Array.IndexOf(received.Names, "c"))); // the reader's own id for a name it had
        Assert.Equal(lists.StartOf(2), lists.Ends[2]);       // the evicted source: an empty list
        Assert.False(pulled.TryGetId(lists.Keys[2], out _));  // and a name this silo never had is not interned for it
        Assert.False(reader.TryGetId("gone", out _));
    }

    [Fact]
    public void Trending_travels_as_one_unkeyed_list_in_the_same_name_table()
    {
        var shard = new Vocabulary();
        var names = new ModelNameTable(shard);
        var tops = new ModelListsBuilder(names);
        tops.Add(shard.Intern("artist"), [new ScoredId(shard.Intern("t1"), 4f)]);
        var trending = new ModelListsBuilder(names);
        trending.AddUnkeyed([new ScoredId(shard.Intern("t1"), 9f), new ScoredId(shard.Intern("t2"), 1f)]);

        var lists = trending.ToLists();

        Assert.Equal(["artist", "t1", "t2"], names.ToArray());
        Assert.Equal([-1], lists.Keys);
        Assert.Equal([1, 2], lists.Ids);
        Assert.Null(lists.Problem(names.Count, keyed: false));
        Assert.NotNull(lists.Problem(names.Count)); // a keyed block may not have a list without a key
    }

    public static TheoryData<string, ModelLists> Malformed => new()
    {
        { "ends", new ModelLists([0, 1], [1], [0], [1f]) },
        { "weights", new ModelLists([0], [2], [0, 1], [1f]) },
        { "descending ends", new ModelLists([0, 1], [2, 1], [0, 1], [1f, 1f]) },
        { "beyond the entries", new ModelLists([0], [3], [0, 1], [1f, 1f]) },
        { "entries after the last list", new ModelLists([0], [1], [0, 1], [1f, 1f]) },
        { "key outside the table", new ModelLists([5], [1], [0], [1f]) },
        { "id outside the table", new ModelLists([0], [1], [-2], [1f]) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_block_that_does_not_hold_together_is_named(string fault, ModelLists lists)
    {
        Assert.False(string.IsNullOrEmpty(fault));
        Assert.NotNull(lists.Problem(names: 2));
        Assert.Null(new ModelLists([0, 1], [1, 2], [1, 0], [1f, 1f]).Problem(names: 2));
    }
}
