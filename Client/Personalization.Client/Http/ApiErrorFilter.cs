using Microsoft.AspNetCore.Http;
using Personalization.Abstractions;

namespace Personalization.Client.Http;

/// <summary>Turns typed errors from the cluster into ProblemDetails: invalid input → 400.</summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidEventException ex)
        {
            return ApiProblems.Invalid(ex.Errors);
        }
    }
}
