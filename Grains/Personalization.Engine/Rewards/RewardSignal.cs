namespace Personalization.Engine.Rewards;

/// <summary>
/// The reward signal, defined once. An item's reward is a function of its accumulated outcomes, in [0, 1]:
/// 0 when skipped early or disliked (those override anything else), 1 when completed, saved or liked,
/// 0.5 when only started (played, or skipped late), 0 when never played. A list's reward is the sum of its items'
/// rewards; the listener's return within the attribution window is counted per list, separately (it is not credited
/// to any candidate source).
/// </summary>
public static class RewardSignal
{
    public const double StartedReward = 0.5;

    public static double Of(ItemOutcome outcome)
    {
        if ((outcome & (ItemOutcome.SkippedEarly | ItemOutcome.Disliked)) != 0) return 0;
        if ((outcome & (ItemOutcome.Completed | ItemOutcome.Saved | ItemOutcome.Liked)) != 0) return 1;
        return (outcome & ItemOutcome.Started) != 0 ? StartedReward : 0;
    }

    /// <summary>The outcome one signal adds to the item it refers to.</summary>
    public static ItemOutcome OutcomeOf(SignalKind kind, bool earlySkip) => kind switch
    {
        SignalKind.Play => ItemOutcome.Started,
        SignalKind.Complete => ItemOutcome.Started | ItemOutcome.Completed,
        SignalKind.Skip => earlySkip ? ItemOutcome.SkippedEarly : ItemOutcome.Started,
        SignalKind.Save => ItemOutcome.Saved,
        SignalKind.Like => ItemOutcome.Liked,
        SignalKind.Dislike => ItemOutcome.Disliked,
        _ => ItemOutcome.None,
    };
}
