namespace Personalization.Abstractions;

/// <summary>
/// Thrown (and carried over the Orleans client) when a request is rejected by validation. Nothing of the request was
/// applied: the user's state is unchanged.
/// </summary>
[GenerateSerializer, Alias("pzn.InvalidEventException.v1")]
public sealed class InvalidEventException : Exception
{
    public InvalidEventException()
        : this([])
    {
    }

    public InvalidEventException(string message)
        : base(message)
    {
    }

    public InvalidEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidEventException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    [Id(0)]
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    private static string Describe(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? "Invalid request." : "Invalid request: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
}
