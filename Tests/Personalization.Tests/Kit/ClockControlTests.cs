using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Kit;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class ClockControlTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_pause_longer_than_the_session_gap_starts_a_new_session()
    {
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("clock"));
        await listener.CompleteAll(("clk-1", "clk-a"), ("clk-2", "clk-a"))
            .Pause(TimeSpan.FromMinutes(31))
            .Complete("clk-3", "clk-b")
            .SendAsync();

        var profile = await listener.ProfileAsync();

        profile.ShouldBeInSessionOf(1);
        Assert.Equal("clk-3", profile.Session.Tracks[0].TrackId);
        Assert.Equal(2, profile.Counters.Sessions);
        Assert.True(profile.Session.Active);
    }

    [Fact]
    public async Task A_pause_shorter_than_the_gap_keeps_the_session_and_advancing_the_clock_ends_it()
    {
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser("clock2"));
        await listener.Complete("clk-4", "clk-a").Pause(TimeSpan.FromMinutes(25)).Complete("clk-5", "clk-a").SendAsync();
        var during = await listener.ProfileAsync();

        cluster.Clock.Advance(TimeSpan.FromMinutes(45));
        var after = await listener.ProfileAsync();

        during.ShouldBeInSessionOf(2);
        Assert.True(during.Session.Active);
        Assert.False(after.Session.Active);
    }
}
