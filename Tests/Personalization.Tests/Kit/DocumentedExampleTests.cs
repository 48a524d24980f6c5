// This file is the example in Tests/README.md, verbatim: if it stops compiling or passing, the docs are wrong.
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Kit;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class DocumentedExampleTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_listener_gets_what_others_played_next_and_never_a_disliked_artist()
    {
        // Other listeners teach the shared model: after "intro" comes "anthem".
        for (var i = 0; i < 10; i++)
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser("fan"))
                .CompleteAll(("ex-intro", "ex-band"), ("ex-anthem", "ex-band"), ("ex-ballad", "ex-crooner"))
                .SendAsync();
        }

        await cluster.SyncModelAsync(); // waits until every silo's model has learned it: no sleeping

        // Our listener dislikes the crooner, then plays the intro.
        var me = cluster.Listener(PersonalizationCluster.UniqueUser("me"));
        await me.Play("ex-ballad", "ex-crooner").Dislike("ex-ballad", "ex-crooner")
            .Complete("ex-intro", "ex-band")
            .SendAsync();

        var recommendations = await me.RecommendAsync(10);
        var profile = await me.ProfileAsync();

        recommendations.ShouldContainTrackWithinTop("ex-anthem", 1);
        recommendations.ShouldGiveReason("ex-anthem", "after-track");
        recommendations.ShouldRespectDislikes(profile);
        profile.ShouldDislikeArtist("ex-crooner");
        profile.ShouldHaveTopArtist("ex-band");
    }
}
