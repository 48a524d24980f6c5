namespace Personalization.Bench.Scale;

/// <summary>
/// How big `Bench -- scale` runs: the catalogue, the listeners of each kind (head- and tail-anchored), the listening
/// events each plays before it is asked, the timed recommendation rounds (every listener once per round), the
/// listeners that only warm the path up (not timed) and how long they do (at least three rounds): the silos' code runs
/// its optimized (tier-1) versions and their caches of the warm-up listeners' anchors fill before anything is timed.
/// </summary>
public sealed record ScaleSizes(int Tracks, int ListenersPerKind, int EventsPerListener, int Rounds, int WarmupListenersPerKind, double WarmupSeconds)
{
    /// <summary>Issue #19's size: a Zipf catalogue of 3M tracks.</summary>
    public static ScaleSizes Full { get; } = new(3_000_000, 400, 3, 5, 25, 10);

    /// <summary>The CI smoke run: the same steps on 100k tracks.</summary>
    public static ScaleSizes Quick { get; } = new(100_000, 100, 3, 5, 10, 0);
}
