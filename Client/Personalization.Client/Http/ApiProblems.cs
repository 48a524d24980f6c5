using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Personalization.Abstractions;

namespace Personalization.Client.Http;

/// <summary>ProblemDetails for the API's errors: 400 with every offending field named.</summary>
public static class ApiProblems
{
    public static ValidationProblem Invalid(IReadOnlyList<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request is invalid; nothing was applied.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
