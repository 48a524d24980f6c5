using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>
/// The silo's read model is refreshed while recommendations read it: a list read twice in one call may differ. Found
/// by the perf harness's mixed scenario (KeyNotFoundException in the transition source, which read each list twice);
/// the transition source now reads each anchor's list once, so both of its passes see the same list.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelRefreshDuringRecommendTests
{
    private const long T0 = 1_700_000_000_000;

    [Fact]
    public void A_successor_list_that_changes_between_reads_gives_a_ranking_from_one_read_of_it()
    {
        var options = new EngineOptions();
        var state = new ListenerState(options);
        state.Apply("p1", new Listen(1, 100, SignalKind.Complete, T0, 200_000, 200_000));
        var model = new ShiftingSuccessors();

        var ranked = new Recommender(options).Recommend(state, model, T0 + 1_000, 10);

        Assert.Equal(1, model.Reads); // no seed and no re-ranker: the transition source is the only reader
        var after = ranked.Where(r => r.Reason == ReasonKind.AfterTrack).Select(r => r.Track).ToList();
        Assert.Contains(2, after);
        Assert.Single(after, t => t > 10); // the shifting entry of one read, not one from each pass
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
