using Personalization.Abstractions.Model;
using Personalization.Testing;

namespace Personalization.Tests.Cluster;

/// <summary>
/// Tracks a trusted source vouches for (a catalogue) are admitted at once, so one listener's transition between them is
/// learned at once; the same made by one listener between unknown tracks is not.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class CatalogAdmissionTests(PersonalizationCluster cluster)
{
    private const int Shards = 8;

    [Fact]
    public async Task One_listeners_transition_between_catalogue_tracks_is_learned_but_not_between_unknown_ones()
    {
        var prefix = PersonalizationCluster.UniqueUser("cat");
        string Track(string name) => $"{prefix}-{name}";
        await AdmitAsync(new CatalogTrack(Track("x"), prefix + "-artist"), new CatalogTrack(Track("y"), prefix + "-artist"));

        await cluster.Listener(PersonalizationCluster.UniqueUser("one")).CompleteAll(
            (Track("x"), prefix + "-artist"), (Track("y"), prefix + "-artist"),
            (Track("u"), prefix + "-other"), (Track("v"), prefix + "-other")).SendAsync();
        await cluster.SyncModelAsync();

        Assert.Contains(await AfterAsync(Track("x"), prefix + "-artist"), r => r.TrackId == Track("y") && r.ReasonCode == "after-track");
        Assert.DoesNotContain(await AfterAsync(Track("u"), prefix + "-other"), r => r.TrackId == Track("v"));
    }

    private async Task AdmitAsync(params CatalogTrack[] tracks)
    {
        foreach (var group in tracks.GroupBy(t => (long)(Personalization.Engine.StableHash.Of(t.TrackId) % Shards)))
        {
            await cluster.Client.GetGrain<IModelShardGrain>(group.Key).AdmitAsync([.. group]);
        }

        await cluster.SyncModelAsync();
    }

    private async Task<IReadOnlyList<Personalization.Abstractions.Recommendation>> AfterAsync(string track, string artist)
    {
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("after"));
        await listener.Complete(track, artist).SendAsync();
        return (await listener.RecommendAsync(10)).Items;
    }
}
