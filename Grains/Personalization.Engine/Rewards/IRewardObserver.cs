namespace Personalization.Engine.Rewards;

/// <summary>Hears every served item and every attributed outcome (the bandit's arm statistics, metrics).</summary>
public interface IRewardObserver
{
    void Served(ListeningContext context, ReasonKind source, int position, bool explored);

    /// <summary><paramref name="added"/>: outcome flags newly set on the item; <paramref name="rewardDelta"/>: change of its reward.</summary>
    void Attributed(ListeningContext context, ReasonKind source, int position, ItemOutcome added, double rewardDelta);

    void Returned();
}
