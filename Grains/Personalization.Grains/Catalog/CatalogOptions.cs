namespace Personalization.Grains.Catalog;

/// <summary>
/// The catalogue (section <c>Personalization:Catalog</c>, validated at start). Stored where user state is (memory in the
/// embedded default, Azure Table in Azure mode) and cached on every silo.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Personalization:Catalog";

    /// <summary>
    /// Open (default): events may name tracks the catalogue does not know (the shared model's admission rules apply).
    /// Strict: a batch naming an unknown track is refused (422 naming the field) and nothing of it is applied.
    /// </summary>
    public string Mode { get; set; } = "Open";

    /// <summary>How often every silo pulls the catalogue's changes: a takedown leaves every list within about this long.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a listener or Blend grain activating on a silo waits for the silo's first catalogue pull (a silo that
    /// just started or joined) before it goes on with what the cache has. Readiness waits for that pull without a bound.
    /// </summary>
    public TimeSpan FirstLoadWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tracks the catalogue holds at most (taken-down ones included); every silo caches all of them compactly. Writes beyond are refused.</summary>
    public int MaxTracks { get; set; } = 2_000_000;

    /// <summary>Tracks per change page a silo pulls.</summary>
    public int PageSize { get; set; } = 20_000;

    /// <summary>The new-release source: releases of a listener's favourite artists at most this old can surface without plays.</summary>
    public TimeSpan NewReleaseWindow { get; set; } = TimeSpan.FromDays(28);

    /// <summary>The Azure table holding the catalogue (Azure mode).</summary>
    public string Table { get; set; } = "PersonalizationCatalog";

    public bool Strict => Mode == "Strict";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Mode is not ("Open" or "Strict")) errors.Add($"{SectionName}:{nameof(Mode)} must be Open or Strict (was '{Mode}').");
        if (RefreshInterval < TimeSpan.FromMilliseconds(50) || RefreshInterval > TimeSpan.FromMinutes(1)) errors.Add($"{SectionName}:{nameof(RefreshInterval)} must be in [50 ms, 1 min] (was {RefreshInterval}).");
        if (FirstLoadWait < TimeSpan.Zero || FirstLoadWait > TimeSpan.FromMinutes(10)) errors.Add($"{SectionName}:{nameof(FirstLoadWait)} must be in [0, 10 min] (was {FirstLoadWait}).");
        if (MaxTracks is < 1 or > 200_000_000) errors.Add($"{SectionName}:{nameof(MaxTracks)} must be in [1, 200000000] (was {MaxTracks}).");
        if (PageSize is < 100 or > 100_000) errors.Add($"{SectionName}:{nameof(PageSize)} must be in [100, 100000] (was {PageSize}).");
        if (NewReleaseWindow < TimeSpan.Zero || NewReleaseWindow > TimeSpan.FromDays(365)) errors.Add($"{SectionName}:{nameof(NewReleaseWindow)} must be in [0, 365 days] (was {NewReleaseWindow}).");
        if (string.IsNullOrWhiteSpace(Table) || Table.Length is < 3 or > 63 || !Table.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(Table[0])) errors.Add($"{SectionName}:{nameof(Table)} must be a valid Azure table name (was '{Table}').");
        return errors;
    }
}
