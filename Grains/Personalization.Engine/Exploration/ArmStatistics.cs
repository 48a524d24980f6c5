using Personalization.Engine.Rewards;

namespace Personalization.Engine.Exploration;

/// <summary>One arm (context, source): served items, their summed reward, and the posterior mean reward.</summary>
public readonly record struct ArmStatistics(ListeningContext Context, ReasonKind Source, double Served, double Reward, double Mean);
