using Personalization.Abstractions;
using Personalization.Engine.Load;

namespace Personalization.Bench.Perf;

/// <summary>Wire events of the harness over the synthetic catalog (<see cref="LoadCatalog"/>).</summary>
public static class LoadEvents
{
    private static readonly ListenContext Context = new("radio", "perf");

    /// <summary>A completed listen of catalog track <paramref name="track"/> at <paramref name="at"/>.</summary>
    public static ListenEvent Complete(string eventId, int track, DateTimeOffset at) =>
        new(eventId, LoadCatalog.TrackId(track), LoadCatalog.ArtistId(track), EventKind.Complete, at,
            (int)LoadCatalog.StepMs, (int)LoadCatalog.StepMs, Context);

    /// <summary>The catalog track a warm user plays next in the harness: somewhere in their last session's album run.</summary>
    public static int NextTrack(int user, long n, int catalogTracks) => (int)(((ulong)user * 7919UL + (ulong)n) % (ulong)catalogTracks);
}
