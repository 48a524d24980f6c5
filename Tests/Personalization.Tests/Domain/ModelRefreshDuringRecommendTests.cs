using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>
/// The silo's read model is refreshed while recommendations read it: a list read twice in one call may differ. Found
/// by the perf harness's mixed scenario (KeyNotFoundException in the transition source).
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelRefreshDuringRecommendTests
{
    private const long T0 = 1_700_000_000_000;

    [Fact]
    public void A_successor_list_that_changes_between_reads_still_gives_a_ranking()
    {
        var options = new EngineOptions();
        var state = new ListenerState(options);
        state.Apply("p1", new Listen(1, 100, SignalKind.Complete, T0, 200_000, 200_000));
        var model = new ShiftingSuccessors();

        var ranked = new Recommender(options).Recommend(state, model, T0 + 1_000, 10);

        Assert.True(model.Reads >= 2, $"the successor list was read {model.Reads} time(s)");
        Assert.Contains(ranked, r => r.Reason == ReasonKind.AfterTrack);
    }

    /// <summary>Every read of a successor list returns a list with a track the previous read did not have.</summary>
    private sealed class ShiftingSuccessors : IModelView
    {
        public int Reads { get; private set; }

        public ReadOnlySpan<ScoredId> SuccessorsOf(int track)
        {
            if (track != 1) return [];
            Reads++;
            return new[] { new ScoredId(2, 5), new ScoredId(10 + Reads, 3) };
        }

        public ReadOnlySpan<ScoredId> TopTracksOf(int artist) => [];

        public ReadOnlySpan<ScoredId> Trending => [];

        public int ArtistOf(int track) => track == 1 ? 100 : 200;

        public int TrackCount => 3;
    }
}
