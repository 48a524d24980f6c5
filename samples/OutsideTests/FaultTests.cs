using Personalization.Testing;

namespace OutsideTests;

/// <summary>The kit's fault cluster (3 silos of its own) from the package: a listener's state survives a killed silo.</summary>
[Trait("Category", "Outside")]
public sealed class FaultTests(FaultCluster cluster) : IClassFixture<FaultCluster>
{
    [Fact]
    public async Task A_listener_moved_to_a_silo_that_is_killed_keeps_everything_recorded()
    {
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.CompleteAll(("f-1", "f-band"), ("f-2", "f-band")).Like("f-2", "f-band").SendAsync();
        await cluster.MoveUserAsync(me.UserId, 2);
        var before = await me.ProfileAsync();

        await cluster.KillSiloAsync(2);
        var after = await me.ProfileAsync();

        Assert.Equal(3, before.Counters.Events);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.TopArtists, after.TopArtists);
        after.ShouldHaveTopArtist("f-band");
    }
}
