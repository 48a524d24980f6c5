using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;
using Personalization.Grains.Model;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>
/// A shard pulled by its own silo sends its lists as vocabulary numbers, any other reader gets names; the silos' read
/// models, one taking a shard's lists as numbers and the other as names, end up with the same lists.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ModelPullNumbersTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task Only_the_shards_own_silo_gets_numbers_and_they_name_what_the_names_say()
    {
        var (from, artist) = await TeachAsync("pn-a");
        var shard = cluster.Client.GetGrain<IModelShardGrain>(cluster.SiloServices().First().GetRequiredService<IModelPipeline>().ShardOf(from));
        var silos = cluster.SiloServices().Select(sp => sp.GetRequiredService<Vocabulary>()).ToArray();
        var named = await PullAsync(shard, token: null);
        var answers = new List<(Vocabulary Vocabulary, ModelChanges Changes)>();
        foreach (var vocabulary in silos) answers.Add((vocabulary, await PullAsync(shard, vocabulary.Token)));

        var (host, numbered) = Assert.Single(answers, a => a.Changes.Successors.Any(l => l.LocalIds is not null));
        Assert.All(answers.Where(a => a.Vocabulary != host), a => Assert.All(a.Changes.Successors, l => Assert.Null(l.LocalIds)));
        Assert.All(numbered.Successors, l => Assert.Empty(l.Ids));
        Assert.Equal(Lists(named), Lists(numbered, host));
        Assert.Contains(named.Successors, l => l.Key == from && l.Count > 0);
        Assert.Equal(named.Trending is null, numbered.Trending is null);
        if (named.Trending is { } trending) Assert.Equal(Entries(trending), Entries(numbered.Trending!, host));
        Assert.Contains(named.ArtistTops, l => l.Key == artist && l.Count > 0);
    }

    [Fact]
    public async Task Every_silo_reads_the_same_lists_whether_pulled_as_numbers_or_names()
    {
        var (from, artist) = await TeachAsync("pn-b");

        var views = cluster.SiloServices().Select(sp => (Vocabulary: sp.GetRequiredService<Vocabulary>(), Model: sp.GetRequiredService<LiveModel>())).ToArray();
        var successors = views.Select(v => Named(v.Vocabulary, v.Model.SuccessorsOf(v.Vocabulary.TryGetId(from, out var id) ? id : -1))).ToArray();
        var tops = views.Select(v => Named(v.Vocabulary, v.Model.TopTracksOf(v.Vocabulary.TryGetId(artist, out var id) ? id : -1))).ToArray();

        var pulled = cluster.SiloServices().Select(sp => ((ModelPipeline)sp.GetRequiredService<IModelPipeline>()).ListsPulled).ToArray();

        Assert.True(views.Length >= 2);
        // Which silo hosts which shards moves as the cluster settles: over the silos, both kinds were pulled.
        Assert.True(pulled.Sum(p => p.Numbered) > 0 && pulled.Sum(p => p.Named) > 0, string.Join("; ", pulled.Select(p => $"{p.Numbered} lists pulled as numbers, {p.Named} as names")));
        Assert.Contains(successors[0], e => e.Name == from + "-next");
        Assert.All(successors, s => Assert.Equal(successors[0], s));
        Assert.NotEmpty(tops[0]);
        Assert.All(tops, t => Assert.Equal(tops[0], t));
    }

    /// <summary>Five listeners complete a track and then its successor (enough to admit both); every silo has pulled them.</summary>
    private async Task<(string From, string Artist)> TeachAsync(string prefix)
    {
        var from = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var artist = from + "-artist";
        for (var i = 0; i < 5; i++)
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser(prefix)).CompleteAll((from, artist), (from + "-next", artist)).SendAsync();
        }

        await cluster.SyncModelAsync();
        return (from, artist);
    }

    private static async Task<ModelChanges> PullAsync(IModelShardGrain shard, long? token)
    {
        if (token is { } value) RequestContext.Set(ModelPullContext.VocabularyKey, value);
        try
        {
            return await shard.GetChangesAsync(0, int.MaxValue);
        }
        finally
        {
            RequestContext.Remove(ModelPullContext.VocabularyKey);
        }
    }

    /// <summary>Every successor and artist list as "key: name weight, …", entries named through <paramref name="numbers"/> when numbered.</summary>
    private static List<string> Lists(ModelChanges changes, Vocabulary? numbers = null) =>
        [.. changes.Successors.Concat(changes.ArtistTops).Select(l => $"{l.Key}: {string.Join(", ", Entries(l, numbers))}")];

    private static List<(string Name, float Weight)> Entries(KeyedList list, Vocabulary? numbers = null) =>
        [.. Enumerable.Range(0, list.Count).Select(i => (list.LocalIds is { } ids ? numbers!.NameOf(ids[i]) : list.Ids[i], list.Weights[i]))];

    /// <summary>A read model's list by name, ties put in name order (a silo breaks ties by its own ids, which differ between silos).</summary>
    private static List<(string Name, float Weight)> Named(Vocabulary vocabulary, ReadOnlySpan<ScoredId> list)
    {
        var named = new List<(string Name, float Weight)>(list.Length);
        foreach (var e in list) named.Add((vocabulary.NameOf(e.Id), e.Weight));
        return [.. named.OrderByDescending(e => e.Weight).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }
}
