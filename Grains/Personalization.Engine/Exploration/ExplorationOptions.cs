namespace Personalization.Engine.Exploration;

/// <summary>
/// The exploration policy (bound from <c>Personalization:Exploration</c>, validated at start). Off by default: the
/// served list is then exactly the deterministic ranking. On: each slot is, with probability <see cref="Epsilon"/>,
/// filled by one of the best remaining candidates of a source chosen by Thompson sampling on the sources' reward posteriors.
/// </summary>
public sealed class ExplorationOptions
{
    public const string SectionName = "Personalization:Exploration";

    /// <summary>The off switch: false serves the deterministic ranking (propensity 1 for every item).</summary>
    public bool Enabled { get; set; }

    /// <summary>Probability that a slot explores instead of taking the best remaining candidate.</summary>
    public double Epsilon { get; set; } = 0.1;

    /// <summary>Share of an exploring slot's source choice spread evenly over the sources that have candidates (keeps every source's propensity above 0).</summary>
    public double SourceFloor { get; set; } = 0.2;

    /// <summary>An exploring slot takes one of its source's this many best remaining candidates, uniformly (1 = always the source's best).</summary>
    public int ExploreDepth { get; set; } = 20;

    /// <summary>Thompson draws per served list to estimate each source's chance of being the best (the sampled distribution, hence the exact propensity).</summary>
    public int ThompsonDraws { get; set; } = 64;

    /// <summary>Beta prior of every source's reward: pseudo-successes and pseudo-failures.</summary>
    public double PriorSuccesses { get; set; } = 1;
    public double PriorFailures { get; set; } = 1;

    /// <summary>When an arm's served count passes this, its counts are halved: posteriors stay able to move (drift) and numbers bounded.</summary>
    public double MaxEvidence { get; set; } = 20_000;

    /// <summary>How deep the deterministic ranking is read to find each source's best candidates.</summary>
    public int CandidatesScanned { get; set; } = 400;

    /// <summary>Mixed into every list's random seed (with the listener and its served-list count): runs are reproducible.</summary>
    public long Seed { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(Epsilon is >= 0 and <= 1)) errors.Add($"{nameof(Epsilon)} must be in [0, 1] (was {Epsilon}).");
        if (!(SourceFloor is >= 0 and <= 1)) errors.Add($"{nameof(SourceFloor)} must be in [0, 1] (was {SourceFloor}).");
        if (ExploreDepth is < 1 or > 100) errors.Add($"{nameof(ExploreDepth)} must be in [1, 100] (was {ExploreDepth}).");
        if (ThompsonDraws is < 1 or > 10_000) errors.Add($"{nameof(ThompsonDraws)} must be in [1, 10000] (was {ThompsonDraws}).");
        if (!(PriorSuccesses is > 0 and < 1e6)) errors.Add($"{nameof(PriorSuccesses)} must be in (0, 1e6) (was {PriorSuccesses}).");
        if (!(PriorFailures is > 0 and < 1e6)) errors.Add($"{nameof(PriorFailures)} must be in (0, 1e6) (was {PriorFailures}).");
        if (!(MaxEvidence is >= 10 and <= 1e9)) errors.Add($"{nameof(MaxEvidence)} must be in [10, 1e9] (was {MaxEvidence}).");
        if (CandidatesScanned is < 1 or > 10_000) errors.Add($"{nameof(CandidatesScanned)} must be in [1, 10000] (was {CandidatesScanned}).");
        return errors;
    }
}
