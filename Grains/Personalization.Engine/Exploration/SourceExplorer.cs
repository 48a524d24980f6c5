using Personalization.Engine.Rewards;

namespace Personalization.Engine.Exploration;

/// <summary>
/// Re-ranks the deterministic ranking slot by slot. For each slot: with probability 1 − ε take the best remaining
/// candidate (exploit); with probability ε pick a candidate source — with weight w(s) = (1 − floor) × its Thompson win
/// probability (<see cref="SourceArms.WinProbabilities"/>, renormalized over the sources that still have candidates)
/// + floor / (number of such sources) — and take one of that source's best <see cref="ExplorationOptions.ExploreDepth"/>
/// remaining candidates uniformly at random (a candidate's source is the source that contributed most to its score, its
/// reason). The propensity of the item placed in a slot, given the items above it, is exactly
/// (1 − ε)·[it is the best remaining] + ε·w(its source)·[it is among its source's D best remaining] / D, with D the
/// number of those (≤ ExploreDepth). Plain C#; all randomness comes from the seed.
/// </summary>
public sealed class SourceExplorer(ExplorationOptions options, SourceArms arms)
{
    private const int Sources = RewardStats.SourceCount;

    public ExplorationOptions Options => options;

    public SourceArms Arms => arms;

    public IReadOnlyList<ServedTrack> Choose(IEnumerable<RecommendedTrack> ranked, int count, ListeningContext context, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var pool = new List<RecommendedTrack>(Math.Min(options.CandidatesScanned, 256));
        var bySource = new List<int>[Sources];
        for (var s = 0; s < Sources; s++) bySource[s] = [];
        foreach (var r in ranked)
        {
            bySource[(int)r.Reason].Add(pool.Count);
            pool.Add(r);
            if (pool.Count >= Math.Max(options.CandidatesScanned, count)) break;
        }

        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var wins = arms.WinProbabilities(context, random);
        var placed = new bool[pool.Count];
        var epsilon = options.Epsilon;
        var weights = new double[Sources];
        var served = new List<ServedTrack>(Math.Min(count, pool.Count));
        var best = 0;
        while (served.Count < count && best < pool.Count)
        {
            SourceWeights(bySource, wins, weights);
            var chosen = best;
            if (random.NextDouble() < epsilon)
            {
                var explored = bySource[Pick(weights, random.NextDouble())];
                chosen = explored[random.Next(Math.Min(options.ExploreDepth, explored.Count))];
            }

            var source = (int)pool[chosen].Reason;
            var candidates = bySource[source];
            var depth = Math.Min(options.ExploreDepth, candidates.Count);
            var explorable = candidates.IndexOf(chosen) < depth;
            var propensity = (chosen == best ? 1 - epsilon : 0) + (explorable ? epsilon * weights[source] / depth : 0);
            served.Add(new ServedTrack(pool[chosen], Math.Min(1, propensity), chosen != best));
            placed[chosen] = true;
            candidates.Remove(chosen);
            while (best < pool.Count && placed[best]) best++;
        }

        return served;
    }

    /// <summary>Weights of the sources with a remaining candidate: (1 − floor)·win share + floor / their number.</summary>
    private void SourceWeights(List<int>[] bySource, double[] wins, double[] weights)
    {
        var available = 0;
        var winMass = 0.0;
        for (var s = 0; s < Sources; s++)
        {
            if (bySource[s].Count == 0) continue;
            available++;
            winMass += wins[s];
        }

        var floor = winMass > 0 ? options.SourceFloor : 1;
        for (var s = 0; s < Sources; s++)
        {
            weights[s] = bySource[s].Count == 0 ? 0 : (1 - floor) * (winMass > 0 ? wins[s] / winMass : 0) + floor / available;
        }
    }

    private static int Pick(double[] weights, double u)
    {
        var last = -1;
        for (var s = 0; s < weights.Length; s++)
        {
            if (weights[s] <= 0) continue;
            last = s;
            u -= weights[s];
            if (u < 0) return s;
        }

        return last; // rounding: the last source with weight
    }
}
