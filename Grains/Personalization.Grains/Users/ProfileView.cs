using Personalization.Abstractions;
using Personalization.Engine;

namespace Personalization.Grains.Users;

/// <summary>Builds the wire profile from a listener's live state.</summary>
public static class ProfileView
{
    public const int TopCount = 10;

    public static UserProfile Create(string userId, ListenerState state, EventMapper mapper, long nowMs)
    {
        var names = mapper.Vocabulary;
        var artists = state.Artists.Top(state.Artists.Count, nowMs);
        var tracks = state.Tracks.Top(TopCount, nowMs, positiveOnly: true);
        ref readonly var c = ref state.Counters;
        return new UserProfile(
            userId,
            [.. artists.Where(a => a.Weight > 0).Take(TopCount).Select(a => new WeightedId(names.NameOf(a.Id), Math.Round(a.Weight, 4)))],
            [.. tracks.Select(t => new WeightedId(names.NameOf(t.Id), Math.Round(t.Weight, 4)))],
            Session(state, names, nowMs),
            new ProfileCounters(c.Events, c.Plays, c.Completes, c.Skips, c.EarlySkips, c.Likes, c.Dislikes, c.Saves, c.Duplicates, c.Sessions),
            [.. artists.Where(a => state.IsArtistDisliked(a.Id, nowMs)).Select(a => names.NameOf(a.Id))],
            [.. state.BlockedTracks.ToArray().Select(names.NameOf)],
            state.Sequence,
            RewardView.Create(state.Rewards.Stats));
    }

    private static SessionSummary Session(ListenerState state, Vocabulary names, long nowMs)
    {
        if (state.History.Count == 0) return new SessionSummary(null, null, false, [], 0);
        var start = state.SessionStartIndex();
        var tracks = new List<SessionTrack>(state.History.Count - start);
        for (var i = start; i < state.History.Count; i++)
        {
            var step = state.History[i];
            tracks.Add(new SessionTrack(names.NameOf(step.Track), names.NameOf(step.Artist), DateTimeOffset.FromUnixTimeMilliseconds(step.TimeMs), EventMapper.OutcomeOf(step)));
        }

        return new SessionSummary(
            tracks[0].At,
            tracks[^1].At,
            state.IsSessionActive(nowMs),
            tracks,
            state.SkipStreak());
    }
}
