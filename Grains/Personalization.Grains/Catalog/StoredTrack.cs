using Personalization.Abstractions.Catalog;

namespace Personalization.Grains.Catalog;

/// <summary>A catalogue row: the cached facts, and the full entry (null in a write: keep the stored entry, as a takedown does).</summary>
public sealed record StoredTrack(CatalogFacts Facts, CatalogEntry? Entry);
