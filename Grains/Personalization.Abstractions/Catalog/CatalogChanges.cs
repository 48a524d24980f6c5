namespace Personalization.Abstractions.Catalog;

/// <summary>
/// A page of one catalogue partition's changes after a version: the partition's <see cref="Epoch"/> (a new activation
/// renumbers versions: a reader holding another epoch starts again from 0), the version the page reaches, the facts of
/// the tracks changed (their latest state) and whether more changes follow.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogChanges.v1")]
public sealed record CatalogChanges(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<CatalogFacts> Tracks,
    [property: Id(3)] bool More);
