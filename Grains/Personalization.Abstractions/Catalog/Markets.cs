namespace Personalization.Abstractions.Catalog;

/// <summary>Market codes: ISO 3166-1 alpha-2 (two upper-case ASCII letters, e.g. <c>SE</c>), or <see cref="All"/>.</summary>
public static class Markets
{
    public const string All = "all";

    public static bool IsCode(string? market) => market is { Length: 2 } && char.IsAsciiLetterUpper(market[0]) && char.IsAsciiLetterUpper(market[1]);

    /// <summary>The canonical stored form: <see cref="All"/>, or the distinct codes sorted and joined by ','.</summary>
    public static string Join(IReadOnlyList<string> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        return markets.Contains(All) ? All : string.Join(',', markets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }
}
