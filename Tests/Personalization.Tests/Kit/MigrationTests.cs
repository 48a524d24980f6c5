using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Kit;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class MigrationTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_user_moved_to_another_silo_keeps_its_live_state()
    {
        var user = PersonalizationCluster.UniqueUser("move");
        await cluster.MoveUserAsync(user, 0);
        await cluster.Listener(user).CompleteAll(("mv-1", "mv-a"), ("mv-2", "mv-a")).Like("mv-2", "mv-a").SendAsync();
        var before = await cluster.User(user).GetProfileAsync();

        await cluster.MoveUserAsync(user, 1);
        var after = await cluster.User(user).GetProfileAsync();
        var next = await cluster.Listener(user).Complete("mv-3", "mv-a").SendAsync();

        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.TopArtists, after.TopArtists);
        Assert.Equal(before.Session.Tracks, after.Session.Tracks);
        Assert.Equal(before.Sequence + 1, next.Sequence); // the store's ETag came along: the next write succeeds
    }
}
