using Personalization.Engine;

namespace Personalization.Tests.Domain;

/// <summary>The vocabulary's open-addressing name index: against a dictionary under random operations, and under concurrent readers.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class VocabularyIndexTests
{
    [Fact]
    public void Random_leases_releases_and_admissions_agree_with_a_dictionary_through_many_rebuilds()
    {
        var vocabulary = new Vocabulary();
        var expected = new Dictionary<string, (int Id, int Leases, bool Admitted)>();
        var random = new Random(19);
        for (var step = 0; step < 200_000; step++)
        {
            var name = $"n{random.Next(30_000)}";
            switch (random.Next(4))
            {
                case 0:
                    var admitted = vocabulary.Intern(name);
                    if (expected.TryGetValue(name, out var known)) Assert.Equal(known.Id, admitted);
                    expected[name] = (admitted, 0, true);
                    break;
                case 1:
                case 2:
                    var id = vocabulary.Lease(name, out var leased);
                    if (expected.TryGetValue(name, out var entry))
                    {
                        Assert.Equal(entry.Id, id);
                        Assert.Equal(!entry.Admitted, leased);
                        expected[name] = entry with { Leases = entry.Leases + (leased ? 1 : 0) };
                    }
                    else
                    {
                        Assert.True(leased);
                        expected[name] = (id, 1, false);
                    }

                    break;
                default:
                    if (!expected.TryGetValue(name, out var held) || held.Admitted) break;
                    vocabulary.Release(held.Id);
                    if (held.Leases == 1) expected.Remove(name);
                    else expected[name] = held with { Leases = held.Leases - 1 };
                    break;
            }
        }

        Assert.Equal(expected.Count, vocabulary.LiveCount);
        foreach (var (name, (id, _, admitted)) in expected)
        {
            Assert.True(vocabulary.TryGetId(name, out var found));
            Assert.Equal(id, found);
            Assert.Equal(name, vocabulary.NameOf(id));
            Assert.Equal(admitted, vocabulary.IsAdmitted(id));
        }

        for (var i = 0; i < 30_000; i++)
        {
            var name = $"n{i}";
            if (!expected.ContainsKey(name)) Assert.False(vocabulary.TryGetId(name, out _));
        }
    }

    [Fact]
    public async Task Readers_racing_a_writer_find_every_name_interned_before_they_look_and_never_a_wrong_id()
    {
        var vocabulary = new Vocabulary();
        const int Names = 300_000;
        var interned = 0;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Names; i++)
            {
                vocabulary.Intern($"w{i}");
                var churn = vocabulary.Lease($"x{i}", out _); // leased and reclaimed at once: deleted slots and reused ids
                vocabulary.Release(churn);
                Volatile.Write(ref interned, i + 1);
            }
        });

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            var wrong = 0;
            while (Volatile.Read(ref interned) < Names)
            {
                var upTo = Volatile.Read(ref interned);
                if (upTo == 0) continue;
                var name = $"w{random.Next(upTo)}";
                if (!vocabulary.TryGetId(name, out var id) || vocabulary.NameOf(id) != name) wrong++;
            }

            return wrong;
        })).ToArray();

        await writer;
        Assert.All(await Task.WhenAll(readers), wrong => Assert.Equal(0, wrong));
        Assert.Equal(Names, vocabulary.AdmittedCount);
    }
}
