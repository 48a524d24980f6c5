using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Rewards;

namespace Personalization.Grains.Operations;

/// <summary>What every listener's reward ledger reports on a silo: the bandit's arm statistics learn from it, the meter counts it.</summary>
public sealed class RewardFeed(SourceArms arms, PersonalizationMetrics metrics) : IRewardObserver
{
    public void Served(ListeningContext context, ReasonKind source, int position, bool explored)
    {
        arms.Served(context, source, position, explored);
        metrics.ItemServed(source, explored);
    }

    public void Attributed(ListeningContext context, ReasonKind source, int position, ItemOutcome added, double rewardDelta)
    {
        arms.Attributed(context, source, position, added, rewardDelta);
        metrics.OutcomeAttributed(source, position, added, rewardDelta);
    }

    public void Returned()
    {
        arms.Returned();
        metrics.ListenerReturned();
    }
}
