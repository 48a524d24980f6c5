namespace Personalization.Bench.Evaluation;

/// <summary>
/// Counterfactual estimate of a target policy's HR@1 (reward 1 when its first item is the track played next) from a
/// log of a stochastic policy's first items and their propensities: IPS = (1/n) Σ r·w, SNIPS = Σ r·w / Σ w, with
/// w = π_target(logged item) / propensity. Targets here are deterministic (π = 1 when the target's first item is the
/// logged one, else 0). Also keeps the target's HR@1 measured directly on the same queries, to check the estimate.
/// </summary>
public sealed class OffPolicyEstimator
{
    private double _weightedReward;
    private double _weights;
    private double _hits;

    public int N { get; private set; }

    public double Ips => N == 0 ? 0 : _weightedReward / N;

    public double Snips => _weights == 0 ? 0 : _weightedReward / _weights;

    public double MeasuredHitRate => N == 0 ? 0 : _hits / N;

    /// <summary>One logged query: the logged first item and its propensity, the target's first item, the track played next.</summary>
    public void Add(string? loggedFirst, double propensity, string? targetFirst, string actual)
    {
        if (loggedFirst is not null && !(propensity is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(propensity), propensity, "A logged propensity must be in (0, 1].");
        var targetProbability = loggedFirst is not null && string.Equals(loggedFirst, targetFirst, StringComparison.Ordinal) ? 1.0 : 0.0;
        var reward = string.Equals(loggedFirst, actual, StringComparison.Ordinal) ? 1.0 : 0.0;
        Add(reward, targetProbability, loggedFirst is null ? 1 : propensity);
        if (string.Equals(targetFirst, actual, StringComparison.Ordinal)) _hits++;
    }

    /// <summary>The logging policy evaluated on its own log: weight 1, so IPS = SNIPS = its measured HR@1.</summary>
    public void AddOnPolicy(string? loggedFirst, string actual)
    {
        var hit = string.Equals(loggedFirst, actual, StringComparison.Ordinal);
        Add(hit ? 1 : 0, 1, 1);
        if (hit) _hits++;
    }

    /// <summary>The general form: reward of the logged action, its probability under the target and under the logging policy.</summary>
    public void Add(double reward, double targetProbability, double loggingProbability)
    {
        if (!(loggingProbability is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(loggingProbability), loggingProbability, "Must be in (0, 1].");
        var w = targetProbability / loggingProbability;
        N++;
        _weights += w;
        _weightedReward += reward * w;
    }

    public void MergeFrom(OffPolicyEstimator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        N += other.N;
        _weights += other._weights;
        _weightedReward += other._weightedReward;
        _hits += other._hits;
    }
}
