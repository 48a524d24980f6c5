namespace Personalization.Engine.Synthetic;

/// <summary>
/// The synthetic catalog: genres of artists, each with a Zipf-like popularity, a fixed ring of similar artists inside
/// its genre (over a shuffled order, so neighbours are not simply adjacent ids) and an album of tracks.
/// </summary>
public sealed class SyntheticCatalog
{
    private const int MinTrackDurationSeconds = 150;
    private const int MaxTrackDurationSeconds = 300;
    private const double PopularityExponent = 0.8;

    private readonly Dictionary<string, int> _artistIndex;
    private readonly Dictionary<string, int> _trackIndex;

    private SyntheticCatalog(int genres, SyntheticArtist[] artists, SyntheticTrack[] tracks)
    {
        GenreCount = genres;
        Artists = artists;
        Tracks = tracks;
        _artistIndex = artists.ToDictionary(a => a.Id, a => a.Index, StringComparer.Ordinal);
        _trackIndex = tracks.ToDictionary(t => t.Id, t => t.Index, StringComparer.Ordinal);
        var byGenre = new List<int>[genres];
        for (var g = 0; g < genres; g++) byGenre[g] = [];
        foreach (var a in artists) byGenre[a.Genre].Add(a.Index);
        ArtistsByGenre = byGenre;
    }

    public int GenreCount { get; }

    public IReadOnlyList<SyntheticArtist> Artists { get; }

    public IReadOnlyList<SyntheticTrack> Tracks { get; }

    /// <summary>Artist indexes of each genre, in index order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ArtistsByGenre { get; }

    public SyntheticArtist ArtistOf(SyntheticTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Artists[track.Artist];
    }

    public bool TryGetArtist(string id, out SyntheticArtist artist)
    {
        var found = _artistIndex.TryGetValue(id, out var index);
        artist = found ? Artists[index] : null!;
        return found;
    }

    public bool TryGetTrack(string id, out SyntheticTrack track)
    {
        var found = _trackIndex.TryGetValue(id, out var index);
        track = found ? Tracks[index] : null!;
        return found;
    }

    internal static SyntheticCatalog Build(SyntheticWorldOptions options, Random rng)
    {
        var artistCount = options.Genres * options.ArtistsPerGenre;
        var trackCount = artistCount * options.TracksPerArtist;
        var artists = new SyntheticArtist[artistCount];
        var tracks = new SyntheticTrack[trackCount];
        for (var g = 0; g < options.Genres; g++)
        {
            var first = g * options.ArtistsPerGenre;
            var ring = RandomChoice.Permutation(rng, options.ArtistsPerGenre);
            var rankOf = RandomChoice.Permutation(rng, options.ArtistsPerGenre);
            for (var pos = 0; pos < ring.Length; pos++)
            {
                var index = first + ring[pos];
                var similar = SimilarOnRing(ring, pos, options.SimilarArtists).Select(i => first + i).ToArray();
                var trackIndexes = BuildTracks(rng, options, index, tracks);
                var popularity = Math.Pow(rankOf[ring[pos]] + 1, -PopularityExponent);
                artists[index] = new SyntheticArtist(
                    index, SyntheticIds.Format('a', index, artistCount, 3), g, popularity, similar, trackIndexes);
            }
        }

        return new SyntheticCatalog(options.Genres, artists, tracks);
    }

    /// <summary>Neighbours at ring distance 1, 2, … alternating sides, up to <paramref name="count"/>.</summary>
    private static IEnumerable<int> SimilarOnRing(int[] ring, int pos, int count)
    {
        var n = ring.Length;
        var taken = 0;
        for (var d = 1; taken < count && d <= n / 2; d++)
        {
            yield return ring[(pos + d) % n];
            if (++taken == count) yield break;
            var left = ring[(pos - d + n) % n];
            if (left == ring[(pos + d) % n]) continue; // even ring: the opposite neighbour is the same on both sides
            yield return left;
            taken++;
        }
    }

    private static int[] BuildTracks(Random rng, SyntheticWorldOptions options, int artist, SyntheticTrack[] tracks)
    {
        var perArtist = options.TracksPerArtist;
        var rank = RandomChoice.Permutation(rng, perArtist);
        var indexes = new int[perArtist];
        for (var k = 0; k < perArtist; k++)
        {
            var index = artist * perArtist + k;
            var duration = rng.Next(MinTrackDurationSeconds, MaxTrackDurationSeconds + 1) * 1000;
            var popularity = Math.Pow(rank[k] + 1, -PopularityExponent);
            tracks[index] = new SyntheticTrack(index, SyntheticIds.Format('t', index, tracks.Length, 4), artist, k, duration, popularity);
            indexes[k] = index;
        }

        return indexes;
    }
}
