using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Synthetic;

namespace Personalization.Grains.Demo;

/// <summary>Turns the shipped generator's events into wire events (used by the demo seeder, the testers' kit and benchmarks).</summary>
public static class SyntheticEventMapper
{
    public static ListenEvent ToListenEvent(this SyntheticEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = e.Kind switch
        {
            SignalKind.Play => EventKind.Play,
            SignalKind.Complete => EventKind.Complete,
            SignalKind.Skip => EventKind.Skip,
            SignalKind.Like => EventKind.Like,
            SignalKind.Dislike => EventKind.Dislike,
            SignalKind.Save => EventKind.Save,
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "Unknown kind."),
        };
        var playback = kind is EventKind.Complete or EventKind.Skip;
        return new ListenEvent(
            e.EventId,
            e.TrackId,
            e.ArtistId,
            kind,
            e.Timestamp,
            playback ? e.PositionMs : null,
            e.DurationMs > 0 ? e.DurationMs : null,
            new ListenContext(e.Source, "synthetic"));
    }

    /// <summary>Each listener's events in order, cut into batches of at most <paramref name="batchSize"/>.</summary>
    public static IEnumerable<(string UserId, ListenEvent[] Events)> BatchesPerListener(this SyntheticWorld world, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var user in world.Events().GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            foreach (var chunk in user.Select(ToListenEvent).Chunk(batchSize)) yield return (user.Key, chunk);
        }
    }
}
