using Personalization.Engine.Blend;
using Personalization.Engine.Discovery;

namespace Personalization.Tests.Beyond;

/// <summary>Blend and discovery settings: the defaults are valid, and a bad value is named.</summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class BlendOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new BlendOptions().Validate());
        Assert.Empty(new DiscoveryOptions().Validate());
    }

    [Fact]
    public void Bad_values_are_named()
    {
        var blend = new BlendOptions { CandidatesPerMember = 0, FavoriteArtistCredit = 2, SummaryMaxAge = TimeSpan.FromSeconds(-1) }.Validate();
        var discovery = new DiscoveryOptions { MaxPerArtist = 0, NearArtistSourceWeight = double.NaN }.Validate();

        Assert.Equal(3, blend.Count);
        Assert.Contains(blend, e => e.StartsWith(nameof(BlendOptions.SummaryMaxAge), StringComparison.Ordinal));
        Assert.Equal(2, discovery.Count);
        Assert.Contains(discovery, e => e.StartsWith(nameof(DiscoveryOptions.NearArtistSourceWeight), StringComparison.Ordinal));
    }
}
