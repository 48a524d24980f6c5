namespace Personalization.Engine.Catalog;

/// <summary>
/// What the catalogue says about one track, compactly: the markets it may play in (a shared sorted array; null = all),
/// whether it is explicit, its release day (days since 1970-01-01, -1 unknown) and whether it was taken down.
/// </summary>
public readonly record struct TrackRule(string[]? Markets, bool Explicit, int ReleaseDay, bool Deleted)
{
    public bool PlayableIn(string market) => Markets is null || Array.BinarySearch(Markets, market, StringComparer.Ordinal) >= 0;
}
