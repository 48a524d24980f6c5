using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Rewards;

namespace Personalization.Tests.Beyond;

/// <summary>
/// A synthetic world with a known best source: listeners are served one next track (from the exploring policy over a
/// ranking whose top candidate always comes from the transitions source) and complete it with a probability that
/// depends only on its source, else skip it early. The outcomes flow through the listeners' reward ledgers into the arms.
/// </summary>
[Trait("Category", "Beyond")]
[Trait("Requires", "None")]
public sealed class BanditConvergenceTests
{
    private const long T0 = 1_767_571_200_000;
    private const int Duration = 200_000;

    private static readonly double[] CompletionRate = [0.3, 0.2, 0.8, 0.4, 0.1]; // by ReasonKind: favourite artists are best

    [Fact]
    public void Arm_statistics_converge_to_the_sources_rates_and_the_best_arm_wins_the_thompson_draw()
    {
        var engine = new EngineOptions();
        var exploration = new ExplorationOptions { Enabled = true, Epsilon = 0.5, SourceFloor = 0.3 };
        var arms = new SourceArms(exploration);
        var explorer = new SourceExplorer(exploration, arms);
        var world = new Random(2026);
        var listeners = Enumerable.Range(0, 50).Select(_ =>
        {
            var listener = new ListenerState(engine);
            listener.Rewards.Observer = arms;
            return listener;
        }).ToArray();
        var ranked = Enumerable.Range(0, 25).Select(i => new RecommendedTrack(1000 + i, -1, 25 - i, (ReasonKind)(i % 5), -1)).ToList();

        for (var round = 0; round < 6000; round++)
        {
            var listener = listeners[round % listeners.Length];
            var now = T0 + round * 1000L;
            var served = explorer.Choose(ranked, 1, ListeningContext.InSession, (ulong)round)[0];
            listener.Rewards.Serve(now, ListeningContext.InSession, [served.Item.Track], [served.Item.Reason], [served.Explored]);
            var completes = world.NextDouble() < CompletionRate[(int)served.Item.Reason];
            var listen = completes
                ? new Listen(served.Item.Track, 1, SignalKind.Complete, now + 1, Duration, Duration)
                : new Listen(served.Item.Track, 1, SignalKind.Skip, now + 1, 3_000, Duration);
            listener.Apply($"e{round}", listen);
        }

        // The five ranked sources this stream serves (the fill sources, Popular and RecentlyPlayed, are not in it).
        var stats = Enum.GetValues<ReasonKind>().Where(s => (int)s < CompletionRate.Length).Select(s => arms.Get(ListeningContext.InSession, s)).ToList();
        foreach (var arm in stats)
        {
            Assert.True(arm.Served >= 150, $"{arm.Source} was served {arm.Served} times");
            Assert.InRange(arm.Mean, CompletionRate[(int)arm.Source] - 0.08, CompletionRate[(int)arm.Source] + 0.08);
        }

        Assert.Equal(ReasonKind.FavoriteArtist, stats.MaxBy(a => a.Mean).Source);
        // Among the sources that have candidates (as the explorer renormalizes them), the best arm wins the draw; the fill
        // sources, never served here, keep their prior.
        var wins = arms.WinProbabilities(ListeningContext.InSession, new Random(1))[..CompletionRate.Length];
        var share = wins[(int)ReasonKind.FavoriteArtist] / wins.Sum();
        Assert.True(share > 0.95, $"best arm wins {share:P0} of the draws among the served sources");
        Assert.Equal(0, arms.Get(ListeningContext.NoSession, ReasonKind.FavoriteArtist).Served); // contexts are kept apart
        // Exploring drifted towards the best source: it was served more than any other explored source.
        Assert.Equal(ReasonKind.FavoriteArtist, stats.Where(a => a.Source != ReasonKind.AfterTrack).MaxBy(a => a.Served).Source);
    }
}
