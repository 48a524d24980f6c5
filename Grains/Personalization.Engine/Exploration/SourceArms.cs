using Personalization.Engine.Rewards;

namespace Personalization.Engine.Exploration;

/// <summary>
/// The bandit's arm statistics, one arm per (context, candidate source): items served and reward earned
/// (<see cref="RewardSignal"/>), learned online from every listener that reports to it (a silo's listeners; see
/// docs/algorithms.md "Exploration"). Thread-safe; fixed size; counts are halved past <see cref="ExplorationOptions.MaxEvidence"/>.
/// Posterior of an arm: Beta(PriorSuccesses + reward, PriorFailures + served − reward).
/// </summary>
public sealed class SourceArms(ExplorationOptions options) : IRewardObserver
{
    private const int Contexts = 2;
    private readonly Lock _gate = new();
    private readonly double[] _served = new double[Contexts * RewardStats.SourceCount];
    private readonly double[] _reward = new double[Contexts * RewardStats.SourceCount];

    public ArmStatistics Get(ListeningContext context, ReasonKind source)
    {
        var i = Index(context, source);
        lock (_gate)
        {
            var mean = (options.PriorSuccesses + _reward[i]) / (options.PriorSuccesses + options.PriorFailures + _served[i]);
            return new ArmStatistics(context, source, _served[i], _reward[i], mean);
        }
    }

    public IReadOnlyList<ArmStatistics> All()
    {
        var all = new List<ArmStatistics>(_served.Length);
        foreach (var context in Enum.GetValues<ListeningContext>())
        {
            foreach (var source in Enum.GetValues<ReasonKind>()) all.Add(Get(context, source));
        }

        return all;
    }

    /// <summary>
    /// Each source's chance of holding the best sampled reward, estimated from <see cref="ExplorationOptions.ThompsonDraws"/>
    /// Thompson draws (index = <see cref="ReasonKind"/>; sums to 1).
    /// </summary>
    public double[] WinProbabilities(ListeningContext context, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var alpha = new double[RewardStats.SourceCount];
        var beta = new double[RewardStats.SourceCount];
        lock (_gate)
        {
            for (var s = 0; s < alpha.Length; s++)
            {
                var i = Index(context, (ReasonKind)s);
                alpha[s] = options.PriorSuccesses + _reward[i];
                beta[s] = options.PriorFailures + Math.Max(0, _served[i] - _reward[i]);
            }
        }

        var wins = new double[alpha.Length];
        for (var d = 0; d < options.ThompsonDraws; d++)
        {
            var best = 0;
            var bestDraw = double.MinValue;
            for (var s = 0; s < alpha.Length; s++)
            {
                var draw = BetaSampler.Sample(random, alpha[s], beta[s]);
                if (draw > bestDraw) (best, bestDraw) = (s, draw);
            }

            wins[best]++;
        }

        for (var s = 0; s < wins.Length; s++) wins[s] /= options.ThompsonDraws;
        return wins;
    }

    /// <summary>Copies of the arms' counts (served, reward), for a checkpoint.</summary>
    public (double[] Served, double[] Reward) Export()
    {
        lock (_gate) return ([.. _served], [.. _reward]);
    }

    /// <summary>Sources per context in <see cref="Export"/>'s arrays (context-major).</summary>
    public static int SourcesPerContext => RewardStats.SourceCount;

    /// <summary>
    /// Puts back counts a checkpoint stored, laid out context-major with <paramref name="sources"/> sources per context
    /// (a build with more or fewer sources keeps the arms both know).
    /// </summary>
    public void Restore(double[] served, double[] reward, int sources)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(reward);
        if (sources < 1 || served.Length != reward.Length) throw new InvalidDataException("Stored arm statistics are inconsistent.");
        lock (_gate)
        {
            for (var c = 0; c < Contexts; c++)
            {
                for (var s = 0; s < Math.Min(sources, RewardStats.SourceCount); s++)
                {
                    var from = c * sources + s;
                    if (from >= served.Length) continue;
                    _served[c * RewardStats.SourceCount + s] = served[from];
                    _reward[c * RewardStats.SourceCount + s] = reward[from];
                }
            }
        }
    }

    public void Served(ListeningContext context, ReasonKind source, int position, bool explored)
    {
        var i = Index(context, source);
        lock (_gate)
        {
            _served[i]++;
            if (_served[i] <= options.MaxEvidence) return;
            _served[i] /= 2;
            _reward[i] /= 2;
        }
    }

    public void Attributed(ListeningContext context, ReasonKind source, int position, ItemOutcome added, double rewardDelta)
    {
        var i = Index(context, source);
        lock (_gate) _reward[i] = Math.Clamp(_reward[i] + rewardDelta, 0, _served[i]);
    }

    public void Returned()
    {
    }

    private static int Index(ListeningContext context, ReasonKind source)
    {
        if ((uint)source >= RewardStats.SourceCount) throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown source.");
        return (int)context * RewardStats.SourceCount + (int)source;
    }
}
