using Personalization.Engine.Synthetic;
using Personalization.Testing;

namespace Personalization.Tests.Kit;

/// <summary>On the kit's <see cref="FaultCluster"/> (3 silos of its own): these tests stop and kill silos.</summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class FaultHelperTests(FaultCluster cluster) : IClassFixture<FaultCluster>
{
    [Fact]
    public async Task Users_state_is_recoverable_after_a_silo_is_stopped_and_another_killed()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Listeners = 30, SessionsPerListener = 2, Start = cluster.Clock.Now.AddDays(-2) });
        var recorded = await cluster.SeedAsync(world);
        var users = world.Listeners.Select(l => l.UserId).ToArray();
        for (var i = 0; i < users.Length; i++) await cluster.MoveUserAsync(users[i], i % 3); // a third on each silo
        var before = await Task.WhenAll(users.Select(u => cluster.User(u).GetProfileAsync()));

        await cluster.StopSiloAsync(2);
        await cluster.KillSiloAsync(1);
        var after = await Task.WhenAll(users.Select(u => cluster.User(u).GetProfileAsync()));

        Assert.Equal(recorded, before.Sum(p => p.Counters.Events));
        for (var i = 0; i < users.Length; i++)
        {
            Assert.Equal(before[i].Sequence, after[i].Sequence);
            Assert.Equal(before[i].TopArtists, after[i].TopArtists);
            Assert.Equal(before[i].Counters, after[i].Counters);
        }
    }
}
