using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Client.Facade;
using Personalization.Client.Security;

namespace Personalization.Client.Http;

/// <summary>
/// Catalogue maintenance (admin only): <c>PUT /v1/catalog/tracks/{trackId}</c> (one track), <c>POST /v1/catalog/tracks</c>
/// (batch upsert <c>{"tracks": [...]}</c>), <c>DELETE /v1/catalog/tracks/{trackId}</c> (takedown). Each answers how many
/// tracks changed and how many were already as written.
/// </summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/v1/catalog/tracks").WithTags("Catalog").WithApiConventions().RequireAuthorization(ApiPolicies.Admin);
        tracks.MapPut("/{trackId}", PutAsync).WithName("PutCatalogTrack").WithSummary("Add or replace one catalogue track.")
            .Accepts<CatalogTrackBody>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        tracks.MapPost("", PostAsync).WithName("UpsertCatalogTracks").WithSummary("Add or replace a batch of catalogue tracks, all or nothing.")
            .Accepts<CatalogBatchBody>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        tracks.MapDelete("/{trackId}", DeleteAsync).WithName("DeleteCatalogTrack")
            .WithSummary("Take a track down: within seconds it leaves every list served anywhere in the cluster; it stays in listeners' history.");
        return app;
    }

    private static async Task<Results<Ok<CatalogWriteResult>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string trackId, HttpRequest request, ICatalogClient client, CatalogValidator validator, IOptions<ApiLimits> limits, CancellationToken cancellationToken)
    {
        var idErrors = validator.Ids.ValidateId(trackId, "trackId");
        if (idErrors.Count > 0) return ApiProblems.Invalid(idErrors);
        var (document, status, invalid) = await ReadAsync(request, limits.Value, cancellationToken);
        if (status is not null) return status;
        if (invalid is not null || document is null) return invalid!;
        using (document)
        {
            var (entry, errors) = CatalogBodyReader.ReadTrack(document.RootElement, validator, "track", trackId);
            if (errors.Count > 0) return ApiProblems.Invalid(errors);
            return TypedResults.Ok(await client.UpsertAsync([entry!], cancellationToken));
        }
    }

    private static async Task<Results<Ok<CatalogWriteResult>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, ICatalogClient client, CatalogValidator validator, IOptions<ApiLimits> limits, CancellationToken cancellationToken)
    {
        var (document, status, invalid) = await ReadAsync(request, limits.Value, cancellationToken);
        if (status is not null) return status;
        if (invalid is not null || document is null) return invalid!;
        using (document)
        {
            var (entries, errors) = CatalogBodyReader.ReadBatch(document.RootElement, validator);
            if (errors.Count > 0) return ApiProblems.Invalid(errors);
            return TypedResults.Ok(await client.UpsertAsync(entries, cancellationToken));
        }
    }

    private static async Task<Results<Ok<CatalogWriteResult>, ValidationProblem>> DeleteAsync(
        string trackId, ICatalogClient client, CatalogValidator validator, CancellationToken cancellationToken)
    {
        var errors = validator.Ids.ValidateId(trackId, "trackId");
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return TypedResults.Ok(await client.DeleteAsync([trackId], cancellationToken));
    }

    private static async Task<(JsonDocument? Document, ProblemHttpResult? Status, ValidationProblem? Invalid)> ReadAsync(HttpRequest request, ApiLimits limits, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType()) return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "The body must be application/json."), null);
        if (request.ContentLength > limits.MaxBodyBytes) return (null, ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {limits.MaxBodyBytes} bytes."), null);
        try
        {
            using var bounded = new BoundedStream(request.Body, limits.MaxBodyBytes);
            return (await JsonDocument.ParseAsync(bounded, new JsonDocumentOptions { MaxDepth = ApiJson.MaxDepth }, cancellationToken), null, null);
        }
        catch (BoundedStream.TooLargeException)
        {
            return (null, ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"At most {limits.MaxBodyBytes} bytes."), null);
        }
        catch (JsonException)
        {
            return (null, null, ApiProblems.Invalid([new FieldError("body", "is not valid JSON (or is nested too deeply).")]));
        }
    }
}
