using Personalization.Abstractions.Model;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>Its own cluster with tiny model caps (100 tracks and 100 artists per shard), one listener admitting a track.</summary>
public sealed class CappedModelCluster() : PersonalizationCluster(CappedSettings())
{
    public const int Shards = 8;
    public const int Cap = 100;

    private static TestClusterSettings CappedSettings()
    {
        var settings = new TestClusterSettings { Silos = 2 };
        settings.Configuration["Personalization:Engine:MaxLearnerTracks"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.Configuration["Personalization:Engine:MaxLearnerArtists"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.Configuration["Personalization:Engine:AdmissionListeners"] = "1";
        settings.Configuration["Personalization:Model:Shards"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>
/// Through the real grains: a stream of ever new tracks keeps every silo's model within its caps (shards × cap keys in
/// a read model), the evictions show in the model status, and what listeners play now is still learned and served.
/// </summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ModelBoundsClusterTests(CappedModelCluster cluster) : IClassFixture<CappedModelCluster>
{
    private const int FreshTracks = 1_500;

    [Fact]
    public async Task Ever_new_tracks_keep_every_silos_model_within_its_caps_and_current_plays_are_still_served()
    {
        var start = cluster.Clock.Now.AddDays(-3);
        for (var flood = 0; flood < FreshTracks / 500; flood++)
        {
            var script = cluster.Listener(PersonalizationCluster.UniqueUser($"flood{flood}")).At(start);
            script.CompleteAll([.. Enumerable.Range(0, 500).Select(i => ($"fresh-{flood}-{i}", $"fresh-artist-{flood}-{i}"))]);
            await script.SendAsync();
        }

        await cluster.SyncModelAsync(); // learned before what follows (within one batch, keys are equally recent)
        await cluster.Listener(PersonalizationCluster.UniqueUser("now")).CompleteAll(("hot-a", "hot-artist"), ("hot-b", "hot-artist")).SendAsync();
        await cluster.SyncModelAsync();

        var statuses = await StatusOfEverySiloAsync();
        var limit = CappedModelCluster.Shards * CappedModelCluster.Cap;
        Assert.All(statuses, s =>
        {
            Assert.InRange(s.TracksKnown, 1, limit);
            Assert.InRange(s.Memory!.ReadModelSourceTracks, 1, limit);
            Assert.InRange(s.Memory.ShardTracks, 0, limit);
        });
        Assert.True(statuses.Sum(s => s.Memory!.TrackEvictions) >= FreshTracks - limit, string.Join("; ", statuses.Select(s => s.Memory)));

        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("after"));
        await listener.Complete("hot-a", "hot-artist").SendAsync();
        var items = (await listener.RecommendAsync(10)).Items;
        Assert.Contains(items, r => r.TrackId == "hot-b" && r.ReasonCode == "after-track");
    }

    /// <summary>The model status grain is a stateless worker: ask until every silo answered (bounded).</summary>
    private async Task<IReadOnlyList<ModelStatus>> StatusOfEverySiloAsync()
    {
        var bySilo = new Dictionary<string, ModelStatus>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 200 && bySilo.Count < 2; attempt++)
        {
            var status = await cluster.Client.GetGrain<IModelStatusGrain>(attempt).GetStatusAsync(0);
            bySilo[status.Silo] = status;
        }

        Assert.Equal(2, bySilo.Count);
        return [.. bySilo.Values];
    }
}
