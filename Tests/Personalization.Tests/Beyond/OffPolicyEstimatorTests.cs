using Personalization.Bench.Evaluation;

namespace Personalization.Tests.Beyond;

[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class OffPolicyEstimatorTests
{
    [Fact]
    public void Ips_and_snips_match_a_hand_computed_log()
    {
        var estimator = new OffPolicyEstimator();
        // (logged first item, its propensity, the target's first item, the track played next)
        estimator.Add("a", 0.5, "a", "a"); // w = 2,    r = 1
        estimator.Add("b", 0.25, "a", "b"); // w = 0    (the target would have served a)
        estimator.Add("a", 0.8, "a", "c"); // w = 1.25, r = 0
        estimator.Add("c", 0.1, "c", "c"); // w = 10,   r = 1

        Assert.Equal(4, estimator.N);
        Assert.Equal((2 + 10) / 4.0, estimator.Ips, 12);
        Assert.Equal(12 / 13.25, estimator.Snips, 12);
        Assert.Equal(0.5, estimator.MeasuredHitRate, 12); // the target's own first items hit queries 1 and 4
    }

    [Fact]
    public void On_policy_weights_of_one_give_the_observed_mean_and_stochastic_targets_are_weighted()
    {
        var onPolicy = new OffPolicyEstimator();
        onPolicy.Add(1, 0.4, 0.4);
        onPolicy.Add(0, 0.9, 0.9);
        onPolicy.Add(1, 0.2, 0.2);
        Assert.Equal(2 / 3.0, onPolicy.Ips, 12);
        Assert.Equal(2 / 3.0, onPolicy.Snips, 12);

        var stochastic = new OffPolicyEstimator();
        stochastic.Add(1, 0.5, 0.25); // w = 2
        stochastic.Add(0, 0.1, 0.5);  // w = 0.2
        Assert.Equal(1.0, stochastic.Ips, 12);
        Assert.Equal(2 / 2.2, stochastic.Snips, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_logged_propensity_outside_zero_to_one_is_refused(double propensity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OffPolicyEstimator().Add("a", propensity, "a", "a"));
}
