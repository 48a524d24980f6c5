using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Personalization.Abstractions;

namespace Personalization.Client.Http;

/// <summary>
/// ProblemDetails for the API's errors: 400 naming the offending fields. A document lists at most
/// <see cref="MaxListedErrors"/> of them and carries the total in <c>errorCount</c>, so a hostile body cannot turn one
/// request into a response many times its size.
/// </summary>
public static class ApiProblems
{
    /// <summary>The most field errors one problem document lists.</summary>
    public const int MaxListedErrors = 20;

    /// <summary>The extension member holding how many field errors the request had in all.</summary>
    public const string ErrorCountMember = "errorCount";

    public static ValidationProblem Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var listed = errors.Take(MaxListedErrors).GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var detail = errors.Count > MaxListedErrors ? $"The first {MaxListedErrors} of {errors.Count} errors are listed." : null;
        return TypedResults.ValidationProblem(
            listed,
            detail: detail,
            title: "The request is invalid; nothing was applied.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { [ErrorCountMember] = errors.Count });
    }

    /// <summary>422: the request is well-formed but refused (Strict catalogue: an unknown track), naming the fields; nothing was applied.</summary>
    public static ProblemHttpResult Refused(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var listed = errors.Take(MaxListedErrors).GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var problem = new HttpValidationProblemDetails(listed)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The catalogue refused the request; nothing was applied.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        };
        problem.Extensions[ErrorCountMember] = errors.Count;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
