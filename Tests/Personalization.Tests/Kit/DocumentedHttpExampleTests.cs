// The HTTP example in Tests/README.md is the body of this test, verbatim (DocumentationSnippetTests checks it).
using System.Net;
using Personalization.Testing;
using Personalization.Tests.Cluster;

namespace Personalization.Tests.Kit;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Http")]
[Trait("Requires", "None")]
public sealed class DocumentedHttpExampleTests(PersonalizationCluster cluster)
{
    [Fact]
    public async Task A_listener_reads_itself_not_others_and_only_an_admin_deletes()
    {
        await using var api = await PersonalizationApiHost.StartAsync(cluster);
        var me = PersonalizationCluster.UniqueUser("me");

        var own = await api.ClientFor(me).GetAsync($"/v1/users/{me}/profile");              // 200: a listener reads itself
        var other = await api.ClientFor("someone").GetAsync($"/v1/users/{me}/profile");     // 403
        var delete = await api.ClientWith(api.Tokens.Admin()).DeleteAsync($"/v1/users/{me}"); // 204: admin only

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }
}
