using Personalization.Testing;

namespace Personalization.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CrossSiloModelTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_transition_learned_from_listeners_on_one_silo_is_recommended_to_a_listener_on_another()
    {
        // Place users, then pick teachers that all live on one silo and a listener that lives on another.
        var candidates = Enumerable.Range(0, 24).Select(_ => PersonalizationCluster.UniqueUser("xs")).ToArray();
        var hosts = new Dictionary<string, SiloAddress>();
        foreach (var user in candidates) hosts[user] = await cluster.HostOfUserAsync(user);
        var teacherSilo = hosts.Values.GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
        var teachers = candidates.Where(u => hosts[u].Equals(teacherSilo)).Take(5).ToArray();
        var listener = candidates.First(u => !hosts[u].Equals(teacherSilo));

        foreach (var teacher in teachers)
        {
            await cluster.Listener(teacher).CompleteAll(("xs-from", "xs-a1"), ("xs-to", "xs-a2")).SendAsync();
        }

        await cluster.SyncModelAsync();
        var me = cluster.Listener(listener);
        await me.Complete("xs-from", "xs-a1").SendAsync();
        var recs = await me.RecommendAsync(5);

        Assert.NotEqual(teacherSilo, await cluster.HostOfUserAsync(listener));
        recs.ShouldContainTrackWithinTop("xs-to", 1);
        recs.ShouldGiveReason("xs-to", "after-track");
    }
}
