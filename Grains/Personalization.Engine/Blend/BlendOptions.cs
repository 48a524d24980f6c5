namespace Personalization.Engine.Blend;

/// <summary>Blend (group queue) settings. Bound from configuration section <c>Personalization:Blend</c> and validated at start.</summary>
public sealed class BlendOptions
{
    public const string SectionName = "Personalization:Blend";

    /// <summary>How many of their own ranked candidates each member contributes (at least the requested queue length is asked for).</summary>
    public int CandidatesPerMember { get; set; } = 50;

    /// <summary>How many favourite artists a member's summary carries (a track by one of them is good for that member too).</summary>
    public int FavoriteArtistsShared { get; set; } = 10;

    /// <summary>What a favourite-artist match adds to a track's group value (a member's own candidates add score / their best score, at most 1).</summary>
    public double FavoriteArtistCredit { get; set; } = 0.25;

    /// <summary>
    /// In a member's turn, a personal candidate's own score (over their best) is multiplied by 1 + this × the number of
    /// other members who relate to it: with 1, a track two members share at half of the picker's best ties with the
    /// picker's best. 0: members pick by their own rank only.
    /// </summary>
    public double SharedBonus { get; set; } = 1.0;

    /// <summary>
    /// A Blend reuses a member's summary while the member's sequence is unchanged and the summary is younger than this
    /// (model and session drift); a new event of any member is reflected immediately. Zero: always ask for a fresh summary.
    /// </summary>
    public TimeSpan SummaryMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CandidatesPerMember is < 1 or > 1000) errors.Add($"{nameof(CandidatesPerMember)} must be in [1, 1000] (was {CandidatesPerMember}).");
        if (FavoriteArtistsShared is < 0 or > 100) errors.Add($"{nameof(FavoriteArtistsShared)} must be in [0, 100] (was {FavoriteArtistsShared}).");
        if (!(FavoriteArtistCredit is >= 0 and <= 1)) errors.Add($"{nameof(FavoriteArtistCredit)} must be in [0, 1] (was {FavoriteArtistCredit}).");
        if (!(SharedBonus is >= 0 and <= 100)) errors.Add($"{nameof(SharedBonus)} must be in [0, 100] (was {SharedBonus}).");
        if (SummaryMaxAge < TimeSpan.Zero || SummaryMaxAge > TimeSpan.FromHours(1)) errors.Add($"{nameof(SummaryMaxAge)} must be in [0, 1 h] (was {SummaryMaxAge}).");
        return errors;
    }
}
