namespace Personalization.Engine.Ranking;

/// <summary>
/// One pass over a listener's bounded history for <see cref="RankingFeatures"/>: per track, its listens in the current
/// session and the listens since its latest there, its listens before the session and the listens since its latest
/// of those; per artist, whether it is in the session and its session weight (Σ SessionArtistDecay^listens ago); and the
/// tracks that ever directly followed a listen of the playing track.
/// </summary>
internal sealed class Listened
{
    public static readonly TrackFacts NoTrack = new(0, -1, 0, -1);

    public Dictionary<int, TrackFacts> Tracks { get; } = [];

    public Dictionary<int, ArtistFacts> Artists { get; } = [];

    public HashSet<int> FollowedPlaying { get; } = [];

    public static Listened Of(ListenerState state, int sessionStart)
    {
        ref readonly var history = ref state.History;
        var last = history.Count - 1;
        var facts = new Listened();
        for (var i = 0; i <= last; i++)
        {
            var step = history[i];
            if (!step.IsListen) continue;
            var track = facts.Tracks.GetValueOrDefault(step.Track, NoTrack);
            if (i < sessionStart)
            {
                facts.Tracks[step.Track] = track with { HistoryPlays = track.HistoryPlays + 1 };
                continue;
            }

            facts.Tracks[step.Track] = track with { SessionPlays = track.SessionPlays + 1, StepsSince = last - i };
            var artist = facts.Artists.GetValueOrDefault(step.Artist);
            facts.Artists[step.Artist] = new ArtistFacts(true, artist.Weight + Math.Pow(state.Options.SessionArtistDecay, last - i));
        }

        var listens = 0;
        for (var i = last; i >= 0; i--)
        {
            var step = history[i];
            if (!step.IsListen) continue;
            if (i < sessionStart && facts.Tracks.TryGetValue(step.Track, out var track) && track.HistorySince < 0)
            {
                facts.Tracks[step.Track] = track with { HistorySince = listens };
            }

            if (i < last && step.Track == history[last].Track) facts.FollowedPlaying.Add(history[i + 1].Track);
            listens++;
        }

        return facts;
    }

    public readonly record struct TrackFacts(int SessionPlays, int StepsSince, int HistoryPlays, int HistorySince);

    public readonly record struct ArtistFacts(bool InSession, double Weight);
}
