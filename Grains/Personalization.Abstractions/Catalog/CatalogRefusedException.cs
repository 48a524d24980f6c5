namespace Personalization.Abstractions.Catalog;

/// <summary>
/// Thrown (and carried over the Orleans client) when <c>Catalog:Mode</c> is Strict and a batch names a track the
/// catalogue does not know; the HTTP API answers 422 naming the fields. Nothing of the batch was applied.
/// </summary>
[GenerateSerializer, Alias("pzn.CatalogRefusedException.v1")]
public sealed class CatalogRefusedException : Exception
{
    public CatalogRefusedException()
        : this([])
    {
    }

    public CatalogRefusedException(string message)
        : base(message)
    {
    }

    public CatalogRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CatalogRefusedException(IReadOnlyList<FieldError> errors)
        : base("Refused by the catalogue: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    [Id(0)]
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
}
