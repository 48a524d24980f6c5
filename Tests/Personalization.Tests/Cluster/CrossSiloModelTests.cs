using Personalization.Testing;

namespace Personalization.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class CrossSiloModelTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_transition_learned_from_listeners_on_one_silo_is_recommended_to_a_listener_on_another()
    {
        // Teachers live on silo 0, the listener on silo 1.
        var teachers = Enumerable.Range(0, 5).Select(_ => PersonalizationCluster.UniqueUser("xs-teach")).ToArray();
        var listener = PersonalizationCluster.UniqueUser("xs-me");
        foreach (var teacher in teachers) await cluster.MoveUserAsync(teacher, 0);
        await cluster.MoveUserAsync(listener, 1);
        var teacherSilo = await cluster.HostOfUserAsync(teachers[0]);

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
