using Personalization.Engine.Synthetic;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Kit;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class SessionLogSeedingTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_session_rec_file_seeds_listeners_and_the_shared_model()
    {
        var world = SyntheticWorld.Create(new SyntheticWorldOptions { Seed = 7, Listeners = 30, SessionsPerListener = 3, Start = cluster.Clock.Now.AddDays(-1) });
        var path = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}.tsv");
        using (var writer = new StreamWriter(path)) world.WriteSessionRecTsv(writer);
        try
        {
            var slice = await cluster.SeedFromSessionLogAsync(path);

            var first = slice.Events[0];
            var perUser = slice.Events.Count(e => e.UserId == first.UserId);
            var profile = await cluster.User(first.UserId).GetProfileAsync();
            Assert.True(slice.Events.Count > 100, $"{slice.Events.Count}");
            Assert.Equal(perUser, profile.Counters.Plays);

            // The model learned the file: a newcomer playing a seeded track is offered what followed it there (a
            // transition enough distinct listeners made for the model to admit it).
            var followed = slice.Events.Zip(slice.Events.Skip(1))
                .Where(p => p.First.SessionId == p.Second.SessionId && p.First.UserId == p.Second.UserId && p.First.ItemId != p.Second.ItemId)
                .GroupBy(p => (p.First.ItemId, p.Second.ItemId))
                .OrderByDescending(g => g.Select(p => p.First.UserId).Distinct().Count())
                .First().First();
            var me = cluster.Listener(PersonalizationCluster.UniqueUser("seeded"));
            await me.Complete(followed.First.ItemId, followed.First.ArtistId).SendAsync();
            var recs = await me.RecommendAsync(20);
            Assert.Contains(recs.Items, r => r.ReasonCode == "after-track" && r.Because == followed.First.ItemId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
