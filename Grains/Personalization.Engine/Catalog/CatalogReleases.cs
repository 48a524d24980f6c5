namespace Personalization.Engine.Catalog;

/// <summary>The new-release source over a silo's <see cref="CatalogIndex"/>: releases at most <paramref name="window"/> old, of tracks the model knows.</summary>
public sealed class CatalogReleases(CatalogIndex index, Vocabulary names, TimeSpan window) : IReleaseSource
{
    private const long DayMs = 86_400_000;

    public bool Any => index.HasReleases;

    public IEnumerable<int> RecentBy(int artist, long nowMs)
    {
        var today = (int)(nowMs / DayMs);
        var oldest = today - (int)window.TotalDays;
        foreach (var (track, day) in index.ReleasesBy(names.NameOf(artist), today))
        {
            if (day < oldest) yield break; // newest first
            if (names.TryGetId(track, out var id) && index.Allows(id, null, true)) yield return id;
        }
    }
}
