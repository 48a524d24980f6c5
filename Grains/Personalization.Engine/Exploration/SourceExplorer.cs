using Personalization.Engine.Rewards;

namespace Personalization.Engine.Exploration;

/// <summary>
/// Re-ranks the deterministic ranking slot by slot. For each slot: with probability 1 − ε take the best remaining
/// candidate (exploit); with probability ε pick a candidate source — with weight (1 − floor) × its Thompson win
/// probability (<see cref="SourceArms.WinProbabilities"/>, renormalized over the sources that still have candidates)
/// plus floor / (number of such sources) — and take that source's best remaining candidate (a candidate's source is the
/// source that contributed most to its score, its reason). The propensity of the item placed in a slot, given the items
/// above it, is exactly (1 − ε)·[it is the best remaining] + ε·w(its source), since it is always its source's best remaining.
/// Plain C#; all randomness comes from the seed.
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
        foreach (var r in ranked)
        {
            pool.Add(r);
            if (pool.Count >= Math.Max(options.CandidatesScanned, count)) break;
        }

        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var wins = arms.WinProbabilities(context, random);
        var placed = new bool[pool.Count];
        var heads = new int[Sources];
        for (var s = 0; s < Sources; s++) heads[s] = NextOf(pool, placed, (ReasonKind)s, 0);

        var epsilon = options.Epsilon;
        var weights = new double[Sources];
        var served = new List<ServedTrack>(Math.Min(count, pool.Count));
        var best = 0;
        while (served.Count < count && best < pool.Count)
        {
            SourceWeights(heads, wins, weights);
            var chosen = best;
            if (random.NextDouble() < epsilon) chosen = heads[Pick(weights, random.NextDouble())];

            var source = (int)pool[chosen].Reason;
            var propensity = (chosen == best ? 1 - epsilon : 0) + epsilon * weights[source];
            served.Add(new ServedTrack(pool[chosen], Math.Min(1, propensity), chosen != best));
            placed[chosen] = true;
            heads[source] = NextOf(pool, placed, (ReasonKind)source, chosen + 1);
            while (best < pool.Count && placed[best]) best++;
        }

        return served;
    }

    /// <summary>Weights of the sources with a remaining candidate: (1 − floor)·win share + floor / their number.</summary>
    private void SourceWeights(int[] heads, double[] wins, double[] weights)
    {
        var available = 0;
        var winMass = 0.0;
        for (var s = 0; s < Sources; s++)
        {
            if (heads[s] < 0) continue;
            available++;
            winMass += wins[s];
        }

        var floor = winMass > 0 ? options.SourceFloor : 1;
        for (var s = 0; s < Sources; s++)
        {
            weights[s] = heads[s] < 0 ? 0 : (1 - floor) * (winMass > 0 ? wins[s] / winMass : 0) + floor / available;
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

    private static int NextOf(List<RecommendedTrack> pool, bool[] placed, ReasonKind source, int from)
    {
        for (var i = from; i < pool.Count; i++)
        {
            if (!placed[i] && pool[i].Reason == source) return i;
        }

        return -1;
    }
}
