namespace Personalization.Bench.Perf;

/// <summary>
/// The catalog tracks [First, End) the load's events play. Ingest and mixed events stay out of the tracks the catalog
/// scenario's listeners use, so what the model learns from that traffic does not change the catalog measurement.
/// </summary>
public readonly record struct TrackRange(int First, int End)
{
    public int Next(int user, long n) => First + LoadEvents.NextTrack(user, n, Math.Max(1, End - First));
}
