using Personalization.Engine;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class EngineOptionsTests
{
    public static TheoryData<string, Action<EngineOptions>> BadValues => new()
    {
        { nameof(EngineOptions.PlayWeight), o => o.PlayWeight = 0 },
        { nameof(EngineOptions.CompleteWeight), o => o.CompleteWeight = o.PlayWeight },
        { nameof(EngineOptions.EarlySkipWeight), o => o.EarlySkipWeight = 0.5 },
        { nameof(EngineOptions.LateSkipWeight), o => o.LateSkipWeight = double.NaN },
        { nameof(EngineOptions.LikeWeight), o => o.LikeWeight = double.PositiveInfinity },
        { nameof(EngineOptions.DislikeWeight), o => o.DislikeWeight = 1 },
        { nameof(EngineOptions.EarlySkipFraction), o => o.EarlySkipFraction = 1 },
        { nameof(EngineOptions.EarlySkipFraction), o => o.EarlySkipFraction = double.NaN },
        { nameof(EngineOptions.EarlySkipMs), o => o.EarlySkipMs = -1 },
        { nameof(EngineOptions.AffinityHalfLife), o => o.AffinityHalfLife = TimeSpan.Zero },
        { nameof(EngineOptions.DislikedArtistThreshold), o => o.DislikedArtistThreshold = 0 },
        { nameof(EngineOptions.MaxArtistAffinities), o => o.MaxArtistAffinities = 0 },
        { nameof(EngineOptions.MaxTrackAffinities), o => o.MaxTrackAffinities = 10_000 },
        { nameof(EngineOptions.HistoryCapacity), o => o.HistoryCapacity = 0 },
        { nameof(EngineOptions.DedupeWindow), o => o.DedupeWindow = 0 },
        { nameof(EngineOptions.MaxBlockedTracks), o => o.MaxBlockedTracks = 0 },
        { nameof(EngineOptions.SessionGap), o => o.SessionGap = TimeSpan.FromMinutes(-1) },
        { nameof(EngineOptions.TransitionWindow), o => o.TransitionWindow = 0 },
        { nameof(EngineOptions.MaxSuccessorsPerTrack), o => o.MaxSuccessorsPerTrack = 0 },
        { nameof(EngineOptions.TrendingSize), o => o.TrendingSize = 0 },
        { nameof(EngineOptions.TrendingHalfLife), o => o.TrendingHalfLife = TimeSpan.Zero },
        { nameof(EngineOptions.SessionAnchors), o => o.SessionAnchors = 0 },
        { nameof(EngineOptions.TrendingSourceWeight), o => o.TrendingSourceWeight = -0.1 },
        { nameof(EngineOptions.FavoriteArtistsConsidered), o => o.FavoriteArtistsConsidered = 51 },
        { nameof(EngineOptions.MaxRecommendations), o => o.MaxRecommendations = 0 },
    };

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new EngineOptions().Validate());
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_reported_by_name(string name, Action<EngineOptions> spoil)
    {
        var options = new EngineOptions();
        spoil(options);

        var errors = options.Validate();

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var options = new EngineOptions { PlayWeight = -1, HistoryCapacity = 0, SessionAnchors = 0 };

        Assert.True(options.Validate().Count >= 3);
    }
}
