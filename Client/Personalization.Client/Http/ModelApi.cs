using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Personalization.Abstractions;
using Personalization.Abstractions.Model;
using Personalization.Client.Facade;
using Personalization.Client.Security;

namespace Personalization.Client.Http;

/// <summary>
/// Operator endpoints about the shared model (admin only): <c>GET /v1/model/status?trending=20</c>, the answering silo's
/// tracks known, last refresh, observation counts, trending list and learned re-ranker. One grain call per request.
/// </summary>
public static class ModelApi
{
    public const int DefaultTrending = 20;

    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        var model = app.MapGroup("/v1/model").WithTags("Model").WithApiConventions().RequireAuthorization(ApiPolicies.Admin);
        model.MapGet("/status", GetStatusAsync).WithName("GetModelStatus")
            .WithSummary("The answering silo's model: tracks known, last refresh (staleness), trending, learned re-ranker.");
        return app;
    }

    private static async Task<Results<Ok<ModelStatus>, ValidationProblem>> GetStatusAsync(
        string? trending, IModelStatusClient client, CancellationToken cancellationToken)
    {
        var n = DefaultTrending;
        if (trending is not null && (!int.TryParse(trending, out n) || n is < 0 or > IModelStatusGrain.MaxTrending))
        {
            return ApiProblems.Invalid([new FieldError("trending", $"must be an integer in [0, {IModelStatusGrain.MaxTrending}].")]);
        }

        return TypedResults.Ok(await client.GetStatusAsync(n, cancellationToken));
    }
}
