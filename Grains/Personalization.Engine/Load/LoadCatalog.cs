using System.Globalization;
using Personalization.Engine.Model;

namespace Personalization.Engine.Load;

/// <summary>
/// The deterministic synthetic catalog and listeners of the performance harness (no randomness between runs): track
/// <c>n</c> is <c>lt{n:D7}</c> by artist <c>la{n / TracksPerArtist:D6}</c>; a listener plays runs of consecutive tracks
/// (albums), so the model's successors of a track are its album neighbours plus a few others.
/// </summary>
public static class LoadCatalog
{
    public const int TracksPerArtist = 10;

    /// <summary>Steps of one session in a synthetic history.</summary>
    public const int SessionSteps = 20;

    /// <summary>Time between two steps of a session (a typical track length).</summary>
    public const long StepMs = 200_000;

    /// <summary>Predecessors each catalog observation teaches (three album neighbours, two others).</summary>
    public const int ObservedPredecessors = 5;

    public static string TrackId(int track) => "lt" + track.ToString("D7", CultureInfo.InvariantCulture);

    public static string ArtistId(int track) => "la" + (track / TracksPerArtist).ToString("D6", CultureInfo.InvariantCulture);

    public static string UserId(string prefix, int user) => prefix + user.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>
    /// A listener's history of <paramref name="events"/> events over <paramref name="catalogTracks"/> tracks, oldest first,
    /// the last at <paramref name="lastMs"/>: sessions of <see cref="SessionSteps"/> consecutive tracks one day apart, about
    /// one step in ten skipped early, every 25th event a like of the playing track.
    /// </summary>
    public static IEnumerable<LoadStep> History(int user, int events, int catalogTracks, long lastMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(catalogTracks, 1);
        var first = lastMs - StepsBefore(events);
        var step = 0;
        for (var e = 0; e < events; e++)
        {
            var isLike = e % 25 == 24;
            if (!isLike && e > 0) step++;
            var session = step / SessionSteps;
            var position = step % SessionSteps;
            var track = (int)((Mix(user, session) + (ulong)position) % (ulong)catalogTracks);
            var timeMs = first + StepOffsetMs(step);
            var kind = isLike ? SignalKind.Like : Mix(user, step) % 10 == 0 ? SignalKind.Skip : SignalKind.Complete;
            yield return new LoadStep($"{user}-{e}", track, kind, Math.Min(timeMs, lastMs));
        }
    }

    /// <summary>A listener's live state after its synthetic <see cref="History"/>, applied through <see cref="ListenerState.Apply"/>.</summary>
    public static ListenerState BuildListener(Vocabulary vocabulary, EngineOptions options, int user, int events, int catalogTracks, long lastMs)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var state = new ListenerState(options);
        foreach (var step in History(user, events, catalogTracks, lastMs))
        {
            var listen = new Listen(
                vocabulary.Intern(TrackId(step.Track)), vocabulary.Intern(ArtistId(step.Track)), step.Kind, step.TimeMs, step.PositionMs, (int)StepMs);
            state.Apply(step.EventId, listen);
        }

        return state;
    }

    /// <summary>What the model learns for catalog track <paramref name="track"/> (of <paramref name="catalogTracks"/>).</summary>
    public static (int Track, int[] Predecessors, float Weight) Observation(int track, int catalogTracks)
    {
        var predecessors = new List<int>(ObservedPredecessors);
        for (var k = 1; k <= 3 && track - k >= 0; k++) predecessors.Add(track - k);
        for (var k = 1; predecessors.Count < ObservedPredecessors && k <= 2; k++) predecessors.Add((int)(Mix(track, k) % (ulong)catalogTracks));
        return (track, [.. predecessors], 1 + track % 5);
    }

    /// <summary>Builds the observation with interned ids, ready for the model pipeline.</summary>
    public static ModelObservation Observe(Vocabulary vocabulary, int track, int catalogTracks, long timeMs)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var (t, predecessors, weight) = Observation(track, catalogTracks);
        var ids = new int[predecessors.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = vocabulary.Intern(TrackId(predecessors[i]));
        return new ModelObservation(vocabulary.Intern(TrackId(t)), vocabulary.Intern(ArtistId(t)), timeMs, weight, ids);
    }

    private const long SessionGapMs = 86_400_000;

    /// <summary>
    /// Event time of a listener's listening step <paramref name="step"/> after its first (0: the first): sessions of
    /// <see cref="SessionSteps"/> steps <see cref="StepMs"/> apart, a day apart from each other.
    /// </summary>
    public static long StepOffsetMs(long step) => step / SessionSteps * SessionGapMs + step % SessionSteps * StepMs;

    private static long StepsBefore(int events) => StepOffsetMs(Math.Max(0, events - 1 - (events / 25)));

    private static ulong Mix(int a, int b)
    {
        var x = ((ulong)(uint)a << 32) ^ (uint)b;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        return x ^ (x >> 33);
    }
}
