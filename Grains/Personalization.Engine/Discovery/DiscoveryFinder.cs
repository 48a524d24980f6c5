using Personalization.Engine.Catalog;
using Personalization.Engine.Model;

namespace Personalization.Engine.Discovery;

/// <summary>
/// A listener's discovery list: tracks they have never played (<see cref="PlayedTracks"/>), from three sources near
/// their taste, each normalized and weighted by a named option; a track's reason is the source that contributed most.
/// <list type="number">
/// <item>Listeners went on: successors (learned from every listener) of the listener's best liked tracks.</item>
/// <item>Near artists: artists whose tracks follow a favourite artist's top tracks, by transition evidence; their top tracks.</item>
/// <item>Unheard by a favourite: a favourite artist's top tracks the listener has not played.</item>
/// </list>
/// Disliked artists, blocked tracks, exclusions and tracks the request's catalogue gate refuses are never returned; at most <see cref="DiscoveryOptions.MaxPerArtist"/>
/// tracks per artist. Deterministic for a given state and model: ties are broken by track id.
/// </summary>
public sealed class DiscoveryFinder(DiscoveryOptions options)
{
    public IReadOnlyList<DiscoveredTrack> Find(ListenerState state, IModelView model, long nowMs, int count, IReadOnlySet<int>? exclude = null, ITrackGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        var played = PlayedTracks.Of(state);
        var pool = new CandidatePool();
        AddSuccessorsOfLikedTracks(state, model, nowMs, played, pool);
        var favorites = state.Artists.Top(options.SeedArtists, nowMs, positiveOnly: true);
        AddNearArtists(state, model, nowMs, favorites, played, pool);
        AddUnheardByFavorites(model, favorites, played, pool);

        var perArtist = new Dictionary<int, int>();
        var found = new List<DiscoveredTrack>(count);
        foreach (var c in pool.Ranked())
        {
            if ((exclude?.Contains(c.Track) ?? false) || !(gate?.Allows(c.Track) ?? true)) continue;
            var artist = c.Artist >= 0 ? c.Artist : model.ArtistOf(c.Track);
            if (artist >= 0 && (state.IsArtistDisliked(artist, nowMs) || perArtist.GetValueOrDefault(artist) >= options.MaxPerArtist)) continue;
            if (artist >= 0) perArtist[artist] = perArtist.GetValueOrDefault(artist) + 1;
            found.Add(new DiscoveredTrack(c.Track, artist, c.Score, ReasonOf(c.Reason), c.Anchor));
            if (found.Count == count) break;
        }

        return found;
    }

    private void AddSuccessorsOfLikedTracks(ListenerState state, IModelView model, long nowMs, HashSet<int> played, CandidatePool pool)
    {
        var seeds = state.Tracks.Top(options.SeedTracks, nowMs, positiveOnly: true);
        if (seeds.Count == 0) return;
        var maxSeed = seeds[0].Weight;
        foreach (var (seed, weight) in seeds)
        {
            var successors = model.SuccessorsOf(seed);
            if (successors.IsEmpty) continue;
            var scale = options.TransitionSourceWeight * weight / maxSeed / successors[0].Weight;
            foreach (var s in successors)
            {
                if (!played.Contains(s.Id)) pool.Add(s.Id, model.ArtistOf(s.Id), s.Weight * scale, Tag(DiscoveryReason.ListenersWentOn), seed);
            }
        }
    }

    private void AddNearArtists(
        ListenerState state, IModelView model, long nowMs, IReadOnlyList<(int Id, double Weight)> favorites, HashSet<int> played, CandidatePool pool)
    {
        if (favorites.Count == 0 || options.NearArtists == 0) return;
        var maxFavorite = favorites[0].Weight;
        var evidence = new Dictionary<int, (double Weight, int Via, double Best)>();
        foreach (var (favorite, weight) in favorites)
        {
            var topTracks = model.TopTracksOf(favorite);
            for (var i = 0; i < topTracks.Length && i < options.TracksPerSeedArtist; i++)
            {
                var successors = model.SuccessorsOf(topTracks[i].Id);
                if (successors.IsEmpty) continue;
                foreach (var s in successors)
                {
                    var near = model.ArtistOf(s.Id);
                    if (near < 0 || near == favorite || state.IsArtistDisliked(near, nowMs)) continue;
                    var credit = weight / maxFavorite * s.Weight / successors[0].Weight;
                    var e = evidence.GetValueOrDefault(near);
                    evidence[near] = credit > e.Best ? (e.Weight + credit, favorite, credit) : (e.Weight + credit, e.Via, e.Best);
                }
            }
        }

        if (evidence.Count == 0) return;
        var nearest = evidence.OrderByDescending(e => e.Value.Weight).ThenBy(e => e.Key).Take(options.NearArtists).ToList();
        var maxNear = nearest[0].Value.Weight;
        foreach (var (near, e) in nearest)
        {
            AddTopTracks(model, near, options.NearArtistSourceWeight * e.Weight / maxNear, played, pool, DiscoveryReason.NearArtist, e.Via);
        }
    }

    private void AddUnheardByFavorites(IModelView model, IReadOnlyList<(int Id, double Weight)> favorites, HashSet<int> played, CandidatePool pool)
    {
        if (favorites.Count == 0) return;
        var maxFavorite = favorites[0].Weight;
        foreach (var (favorite, weight) in favorites)
        {
            AddTopTracks(model, favorite, options.FavoriteArtistSourceWeight * weight / maxFavorite, played, pool, DiscoveryReason.UnheardByFavorite, favorite);
        }
    }

    private static void AddTopTracks(IModelView model, int artist, double weight, HashSet<int> played, CandidatePool pool, DiscoveryReason reason, int anchor)
    {
        var tracks = model.TopTracksOf(artist);
        if (tracks.IsEmpty) return;
        var scale = weight / tracks[0].Weight;
        foreach (var t in tracks)
        {
            if (!played.Contains(t.Id)) pool.Add(t.Id, artist, t.Weight * scale, Tag(reason), anchor);
        }
    }

    // The candidate pool tags contributions with a ReasonKind; discovery's three sources travel as three of its values.
    private static ReasonKind Tag(DiscoveryReason reason) => reason switch
    {
        DiscoveryReason.ListenersWentOn => ReasonKind.AfterTrack,
        DiscoveryReason.NearArtist => ReasonKind.SessionArtist,
        _ => ReasonKind.FavoriteArtist,
    };

    private static DiscoveryReason ReasonOf(ReasonKind tag) => tag switch
    {
        ReasonKind.AfterTrack => DiscoveryReason.ListenersWentOn,
        ReasonKind.SessionArtist => DiscoveryReason.NearArtist,
        _ => DiscoveryReason.UnheardByFavorite,
    };
}
