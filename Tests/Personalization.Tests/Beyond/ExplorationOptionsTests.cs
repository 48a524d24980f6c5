using Personalization.Engine;
using Personalization.Engine.Exploration;

namespace Personalization.Tests.Beyond;

[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class ExplorationOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_exploration_is_off()
    {
        var options = new ExplorationOptions();

        Assert.Empty(options.Validate());
        Assert.False(options.Enabled);
        Assert.Empty(new EngineOptions().Validate());
    }

    [Fact]
    public void Bad_values_are_named()
    {
        var exploration = new ExplorationOptions { Epsilon = 1.5, SourceFloor = -0.1, ExploreDepth = 0, ThompsonDraws = 0, PriorFailures = 0 };
        var engine = new EngineOptions { Rewards = { MaxServedLists = 0, MaxServedItems = 500, AttributionWindow = TimeSpan.Zero } };

        var errors = string.Join(" ", exploration.Validate().Concat(engine.Validate()));

        foreach (var name in new[] { "Epsilon", "SourceFloor", "ExploreDepth", "ThompsonDraws", "PriorFailures", "MaxServedLists", "MaxServedItems", "AttributionWindow" })
        {
            Assert.Contains(name, errors, StringComparison.Ordinal);
        }
    }
}
