namespace Personalization.Abstractions.Catalog;

/// <summary>The outcome of a catalogue write: tracks whose cached facts changed, and tracks already as written (an idempotent repeat).</summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogWriteResult.v1")]
public sealed record CatalogWriteResult(
    [property: Id(0)] int Changed,
    [property: Id(1)] int Unchanged)
{
    public static CatalogWriteResult operator +(CatalogWriteResult a, CatalogWriteResult b) =>
        new(a.Changed + b.Changed, a.Unchanged + b.Unchanged);

    public static CatalogWriteResult Add(CatalogWriteResult a, CatalogWriteResult b) => a + b;
}
