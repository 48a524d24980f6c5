using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Client.Facade;
using Personalization.Client.Security;

namespace Personalization.Client.Http;

/// <summary>
/// The HTTP API, defined once and hosted by the standalone gateway (Orleans client) or co-hosted in a silo.
/// One grain call per request; a batch of a user's events is one call.
/// </summary>
public static class PersonalizationApi
{
    public static RouteGroupBuilder MapPersonalizationApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users/{userId}")
            .WithTags("Users")
            .WithApiConventions();

        // Who may do what (see README "Security"): one policy per group.
        var writers = users.MapGroup("").RequireAuthorization(ApiPolicies.WriteEvents);
        writers.MapPost("/events", RecordEventsAsync).WithName("RecordEvents").WithSummary("Record one event or an ordered batch.")
            .Accepts<EventBatchBody>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var readers = users.MapGroup("").RequireAuthorization(ApiPolicies.ReadUser);
        readers.MapGet("/recommendations", RecommendAsync).WithName("Recommend")
            .WithSummary("What should play next, with a reason per track: ?count=&market=SE&explicit=false&exclude=id,id&seed=trackId.");
        readers.MapGet("/profile", GetProfileAsync).WithName("GetProfile").WithSummary("Top artists and tracks, current session, counters.");

        var owners = users.MapGroup("").RequireAuthorization(ApiPolicies.ExportUser);
        owners.MapGet("/export", ExportAsync).WithName("ExportUser").WithSummary("Everything stored about the user (privacy export).");

        var admins = users.MapGroup("").RequireAuthorization(ApiPolicies.Admin);
        admins.MapDelete("", ForgetAsync).WithName("ForgetUser").WithSummary("Remove everything stored about the user.");

        app.MapDiscoveryApi(); // Blend and discovery list (their own file)
        app.MapModelApi(); // the shared model's status, for admins
        app.MapCatalogApi(); // catalogue maintenance, for admins
        return users;
    }

    private static async Task<Results<Ok<RecordResult>, ValidationProblem, ProblemHttpResult>> RecordEventsAsync(
        string userId, HttpRequest request, IPersonalizationClient client, RequestValidator validator,
        IOptions<ApiLimits> limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        var idErrors = validator.ValidateUserId(userId);
        if (idErrors.Count > 0) return ApiProblems.Invalid(idErrors);
        if (!request.HasJsonContentType()) return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "The body must be application/json.");
        if (request.ContentLength > limits.Value.MaxBodyBytes) return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {limits.Value.MaxBodyBytes} bytes.");

        JsonDocument document;
        try
        {
            using var bounded = new BoundedStream(request.Body, limits.Value.MaxBodyBytes);
            document = await JsonDocument.ParseAsync(bounded, new JsonDocumentOptions { MaxDepth = ApiJson.MaxDepth }, cancellationToken);
        }
        catch (BoundedStream.TooLargeException)
        {
            return ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {limits.Value.MaxBodyBytes} bytes.");
        }
        catch (JsonException)
        {
            return ApiProblems.Invalid([new FieldError("body", "is not valid JSON (or is nested too deeply).")]);
        }

        using (document)
        {
            var now = clock.GetUtcNow();
            var (events, errors, single) = EventBodyReader.Read(document.RootElement, now, validator.Limits.MaxBatchSize);
            if (errors.Count == 0) errors = single ? validator.ValidateEvent(events[0], now) : validator.ValidateBatch(events, now);
            if (errors.Count == 0) errors = RequestValidator.ValidateAge(events, now, limits.Value.MaxEventAge, single);
            if (errors.Count > 0) return ApiProblems.Invalid(errors);
            var result = single
                ? await client.RecordAsync(userId, events[0], cancellationToken)
                : await client.RecordBatchAsync(userId, events, cancellationToken);
            return TypedResults.Ok(result);
        }
    }

    private static async Task<Results<Ok<RecommendationList>, ValidationProblem>> RecommendAsync(
        string userId, string? count, string? exclude, string? market, string? @explicit, string? seed,
        IPersonalizationClient client, RequestValidator validator, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>(validator.ValidateUserId(userId));
        var n = RequestRules.Count(count, 10, errors);
        var request = new RecommendRequest(n, RequestRules.Exclude(exclude), null, market, RequestRules.Explicit(@explicit, errors), seed);
        if (errors.Count == 0) errors.AddRange(validator.ValidateRecommend(request));
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await client.RecommendAsync(userId, request, cancellationToken));
    }

    private static async Task<Results<Ok<UserProfile>, ValidationProblem>> GetProfileAsync(
        string userId, IPersonalizationClient client, RequestValidator validator, CancellationToken cancellationToken)
    {
        var errors = validator.ValidateUserId(userId);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await client.GetProfileAsync(userId, cancellationToken));
    }

    private static async Task<Results<Ok<UserExport>, ValidationProblem>> ExportAsync(
        string userId, IPersonalizationClient client, RequestValidator validator, CancellationToken cancellationToken)
    {
        var errors = validator.ValidateUserId(userId);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await client.ExportAsync(userId, cancellationToken));
    }

    private static async Task<Results<NoContent, ValidationProblem>> ForgetAsync(
        string userId, IPersonalizationClient client, RequestValidator validator, CancellationToken cancellationToken)
    {
        var errors = validator.ValidateUserId(userId);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        await client.ForgetAsync(userId, cancellationToken);
        return TypedResults.NoContent();
    }
}
