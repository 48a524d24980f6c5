namespace Personalization.Bench.Evaluation;

/// <summary>A model whose lists come from a stochastic policy that logs, per item, the probability of having served it there.</summary>
public interface IPropensityLogger
{
    /// <summary>The propensities of the list the last <see cref="ISequenceModel.RecommendAsync"/> returned, in its order.</summary>
    IReadOnlyList<double> LastPropensities { get; }

    /// <summary>True when the policy is stochastic (exploration on): only such a log supports counterfactual estimates.</summary>
    bool IsStochastic { get; }
}
