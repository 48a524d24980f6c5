using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Exploration;

namespace Personalization.Grains.Users;

/// <summary>Maps wire events to engine signals (interning ids) and engine values back to wire text.</summary>
public sealed class EventMapper(Vocabulary vocabulary)
{
    public Vocabulary Vocabulary => vocabulary;

    /// <summary>The engine signal of <paramref name="e"/>; names get their ids from <paramref name="idOf"/> (a listener's leases), or are admitted.</summary>
    public Listen ToListen(ListenEvent e, Func<string, int>? idOf = null) => new(
        (idOf ?? vocabulary.Intern)(e.TrackId),
        (idOf ?? vocabulary.Intern)(e.ArtistId),
        ToSignal(e.Kind),
        e.Timestamp.ToUnixTimeMilliseconds(),
        e.PositionMs ?? 0,
        e.DurationMs ?? 0);

    public static SignalKind ToSignal(EventKind kind) => kind switch
    {
        EventKind.Play => SignalKind.Play,
        EventKind.Complete => SignalKind.Complete,
        EventKind.Skip => SignalKind.Skip,
        EventKind.Like => SignalKind.Like,
        EventKind.Dislike => SignalKind.Dislike,
        EventKind.Save => SignalKind.Save,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    public static string OutcomeOf(HistoryEntry step)
    {
        if ((step.Flags & StepFlags.Disliked) != 0) return "disliked";
        if ((step.Flags & StepFlags.Liked) != 0) return "liked";
        if ((step.Flags & StepFlags.Saved) != 0) return "saved";
        if (step.EarlySkipped) return "skipped-early";
        return step.Kind switch
        {
            SignalKind.Skip => "skipped",
            SignalKind.Complete => "completed",
            _ => "played",
        };
    }

    /// <summary>
    /// The wire form of a served item: <paramref name="position"/> in the list, its propensity, whether exploration placed
    /// it, and whether it is a repeat of a track completed in the <paramref name="session"/>.
    /// </summary>
    public Recommendation ToRecommendation(ServedTrack served, int position, SessionOutcomes? session = null)
    {
        var r = served.Item;
        var track = vocabulary.NameOf(r.Track);
        var artist = r.Artist >= 0 ? vocabulary.NameOf(r.Artist) : null;
        var anchor = r.Anchor >= 0 ? vocabulary.NameOf(r.Anchor) : null;
        var text = r.Reason switch
        {
            ReasonKind.AfterTrack => $"after {anchor}",
            ReasonKind.SessionArtist => $"more by {anchor}, playing in this session",
            ReasonKind.FavoriteArtist => "artist you like",
            ReasonKind.FromHistory => "a track you love",
            ReasonKind.Trending => "trending",
            ReasonKind.Popular => "popular",
            ReasonKind.RecentlyPlayed => "you played it before",
            ReasonKind.NewRelease => $"new release by {anchor}",
            _ => "recommended",
        };
        return new Recommendation(track, artist, Math.Round(r.Score, 6), text, CodeOf(r.Reason), anchor,
            position, served.Propensity, served.Explored, session?.IsRepeat(r.Track) ?? false);
    }

    /// <summary>The reason code of a candidate source (also the source's name in reward statistics).</summary>
    public static string CodeOf(ReasonKind reason) => reason switch
    {
        ReasonKind.AfterTrack => "after-track",
        ReasonKind.SessionArtist => "session-artist",
        ReasonKind.FavoriteArtist => "favorite-artist",
        ReasonKind.FromHistory => "from-history",
        ReasonKind.Trending => "trending",
        ReasonKind.Popular => "popular",
        ReasonKind.RecentlyPlayed => "recently-played",
        ReasonKind.NewRelease => "new-release",
        _ => "other",
    };
}
