namespace Personalization.Engine.Catalog;

/// <summary>
/// What the catalogue says about one track, compactly (16 bytes): the markets it may play in (a shared sorted array;
/// null = all), whether it is explicit, whether it was taken down, and whether the catalogue knows it at all.
/// </summary>
public readonly record struct TrackRule(string[]? Markets, bool Explicit, bool Deleted, bool Known)
{
    public bool PlayableIn(string market) => Markets is null || Array.BinarySearch(Markets, market, StringComparer.Ordinal) >= 0;
}
