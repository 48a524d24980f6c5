namespace Personalization.Engine.Rewards;

/// <summary>
/// Caps and windows of reward attribution (bound from <c>Personalization:Engine:Rewards</c>). A listener remembers its
/// last <see cref="MaxServedLists"/> served lists, <see cref="MaxServedItems"/> items each, as interned track ids.
/// </summary>
public sealed class RewardOptions
{
    /// <summary>How many recently served lists a listener remembers for attribution (oldest forgotten first).</summary>
    public int MaxServedLists { get; set; } = 8;

    /// <summary>How many items of a served list are remembered (the top ones; later positions are not attributed).</summary>
    public int MaxServedItems { get; set; } = 20;

    /// <summary>
    /// Outcomes are attributed to lists served at most this long before the event; a listener "returns" when an event
    /// that starts a new session comes more than the session gap and less than this after a list.
    /// </summary>
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromHours(24);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxServedLists is < 1 or > 64) errors.Add($"Rewards:{nameof(MaxServedLists)} must be in [1, 64] (was {MaxServedLists}).");
        if (MaxServedItems is < 1 or > 100) errors.Add($"Rewards:{nameof(MaxServedItems)} must be in [1, 100] (was {MaxServedItems}).");
        if (AttributionWindow <= TimeSpan.Zero || AttributionWindow > TimeSpan.FromDays(7))
        {
            errors.Add($"Rewards:{nameof(AttributionWindow)} must be in (0, 7 days] (was {AttributionWindow}).");
        }

        return errors;
    }
}
