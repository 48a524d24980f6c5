using System.Net;
using System.Net.Http.Json;
using Personalization.Client.Security;
using Personalization.Testing;
using Personalization.Tests.Cluster;
using Personalization.Tests.Support;

namespace Personalization.Tests.Security;

/// <summary>
/// Who may do what: a listener only its own user; a service within its scopes for any user; delete and export of
/// another user need the admin role. Refusals are 403 ProblemDetails and change nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class AuthorizationTests(PersonalizationCluster cluster, ClassApiHost host) : IClassFixture<ClassApiHost>, IAsyncLifetime
{
    private PersonalizationApiHost _api = null!;

    public async Task InitializeAsync() => _api = await host.StartOnceAsync(cluster);

    public Task DisposeAsync() => Task.CompletedTask; // the class's host stops after its last test

    [Fact]
    public async Task A_listener_reads_and_writes_its_own_user()
    {
        var me = PersonalizationCluster.UniqueUser("own");
        var http = _api.ClientFor(me);

        Assert.Equal(HttpStatusCode.OK, (await http.PostEventAsync(cluster, me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/users/{me}/recommendations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/users/{me}/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/users/{me}/export")).StatusCode);
    }

    [Fact]
    public async Task A_listener_cannot_touch_another_user()
    {
        var victim = PersonalizationCluster.UniqueUser("victim");
        await cluster.Listener(victim).Complete("v-t1", "v-a1").SendAsync();
        var attacker = _api.ClientFor(PersonalizationCluster.UniqueUser("attacker"));

        (await attacker.PostEventAsync(cluster, victim)).ShouldBeProblem(403);
        (await attacker.GetAsync($"/v1/users/{victim}/recommendations")).ShouldBeProblem(403);
        (await attacker.GetAsync($"/v1/users/{victim}/profile")).ShouldBeProblem(403);
        (await attacker.GetAsync($"/v1/users/{victim}/export")).ShouldBeProblem(403);
        (await attacker.DeleteAsync($"/v1/users/{victim}")).ShouldBeProblem(403);

        Assert.Equal(1, (await cluster.User(victim).GetProfileAsync()).Sequence);
    }

    [Fact]
    public async Task A_listener_cannot_delete_even_its_own_user()
    {
        var me = PersonalizationCluster.UniqueUser("selfdel");
        (await _api.ClientFor(me).DeleteAsync($"/v1/users/{me}")).ShouldBeProblem(403);
    }

    [Fact]
    public async Task A_user_id_differing_only_in_case_is_another_user()
    {
        var me = PersonalizationCluster.UniqueUser("case");
        (await _api.ClientFor(me).GetAsync($"/v1/users/{me.ToUpperInvariant()}/profile")).ShouldBeProblem(403);
    }

    [Fact]
    public async Task A_service_with_events_write_records_for_any_user_but_reads_nothing()
    {
        var user = PersonalizationCluster.UniqueUser("svcw");
        var http = _api.ClientWith(_api.Tokens.Service(ApiClaims.EventsWrite));

        Assert.Equal(HttpStatusCode.OK, (await http.PostEventAsync(cluster, user)).StatusCode);
        (await http.GetAsync($"/v1/users/{user}/recommendations")).ShouldBeProblem(403);
        (await http.GetAsync($"/v1/users/{user}/profile")).ShouldBeProblem(403);
    }

    [Fact]
    public async Task A_service_with_recs_read_reads_any_user_but_cannot_record_export_or_delete()
    {
        var user = PersonalizationCluster.UniqueUser("svcr");
        await cluster.Listener(user).Complete("r-t1", "r-a1").SendAsync();
        var http = _api.ClientWith(_api.Tokens.Service(ApiClaims.RecsRead));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/users/{user}/recommendations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/users/{user}/profile")).StatusCode);
        (await http.PostEventAsync(cluster, user)).ShouldBeProblem(403);
        (await http.GetAsync($"/v1/users/{user}/export")).ShouldBeProblem(403);
        (await http.DeleteAsync($"/v1/users/{user}")).ShouldBeProblem(403);
    }

    [Fact]
    public async Task Scopes_in_a_json_array_are_understood_and_unknown_scopes_grant_nothing()
    {
        var user = PersonalizationCluster.UniqueUser("scopes");
        var unknown = _api.ClientWith(_api.Tokens.Create("svc", ["events:writes", "EVENTS:WRITE", "admin"]));

        (await unknown.PostEventAsync(cluster, user)).ShouldBeProblem(403);
    }

    [Fact]
    public async Task An_admin_exports_and_deletes_any_user()
    {
        var user = PersonalizationCluster.UniqueUser("adm");
        await cluster.Listener(user).Complete("adm-t1", "adm-a1").SendAsync();
        var admin = _api.ClientWith(_api.Tokens.Admin());

        var export = await admin.GetFromJsonAsync<Abstractions.UserExport>($"/v1/users/{user}/export");
        var delete = await admin.DeleteAsync($"/v1/users/{user}");

        Assert.Equal(1, export!.Sequence);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Authenticated_callers_get_problem_details_for_unknown_routes_and_methods()
    {
        var user = PersonalizationCluster.UniqueUser("routes");

        (await _api.Http.GetAsync("/v1/nothing-here")).ShouldBeProblem(404);
        (await _api.Http.PutAsync($"/v1/users/{user}/events", new StringContent("{}"))).ShouldBeProblem(405);
    }
}
