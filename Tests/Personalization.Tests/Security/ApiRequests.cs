using System.Net.Http.Json;
using System.Text.Json;
using Personalization.Testing;

namespace Personalization.Tests.Security;

/// <summary>Small helpers for the security tests: events relative to the cluster clock, JSON reading.</summary>
internal static class ApiRequests
{
    public static object Event(PersonalizationCluster cluster, string id, string track, string kind = "complete", int minutesAgo = 5) =>
        new { eventId = id, trackId = track, artistId = "sec-artist", kind, timestamp = cluster.Clock.Now.AddMinutes(-minutesAgo), positionMs = 200000, durationMs = 200000 };

    public static Task<HttpResponseMessage> PostEventAsync(this HttpClient http, PersonalizationCluster cluster, string user, string eventId = "e1") =>
        http.PostAsJsonAsync($"/v1/users/{user}/events", Event(cluster, eventId, "sec-t1"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static void ShouldBeProblem(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
