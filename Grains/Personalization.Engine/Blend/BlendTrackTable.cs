namespace Personalization.Engine.Blend;

/// <summary>
/// Per track, what it is to each member of a Blend: members' usable candidates (vetoes and duplicates removed, their
/// order kept), whom a track is good for, by how many members it is personally shared, and its group value.
/// </summary>
internal sealed class BlendTrackTable
{
    private readonly List<BlendCandidate>[] _candidates;
    private readonly Dictionary<string, double>[] _normalized;
    private readonly IReadOnlyList<BlendMemberInput> _members;
    private readonly double _favoriteArtistCredit;
    private readonly Dictionary<string, string?> _artists = new(StringComparer.Ordinal);
    private readonly HashSet<(int Member, string Track)> _personal = [];

    public BlendTrackTable(IReadOnlyList<BlendMemberInput> members, double favoriteArtistCredit)
    {
        _members = members;
        _favoriteArtistCredit = favoriteArtistCredit;
        var vetoedTracks = members.SelectMany(m => m.BlockedTracks).ToHashSet(StringComparer.Ordinal);
        var vetoedArtists = members.SelectMany(m => m.DislikedArtists).ToHashSet(StringComparer.Ordinal);
        _candidates = new List<BlendCandidate>[members.Count];
        _normalized = new Dictionary<string, double>[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            var list = new List<BlendCandidate>();
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            var top = members[m].Candidates.Select(c => c.Score).DefaultIfEmpty(0).Max();
            foreach (var c in members[m].Candidates)
            {
                if (vetoedTracks.Contains(c.TrackId) || (c.ArtistId is not null && vetoedArtists.Contains(c.ArtistId))) continue;
                if (!scores.TryAdd(c.TrackId, top > 0 ? Math.Clamp(c.Score / top, 0, 1) : 0)) continue;
                list.Add(c);
                if (_artists.GetValueOrDefault(c.TrackId) is null) _artists[c.TrackId] = c.ArtistId;
                if (c.Personal) _personal.Add((m, c.TrackId));
            }

            _candidates[m] = list;
            _normalized[m] = scores;
        }
    }

    public IReadOnlyList<BlendCandidate> CandidatesOf(int member) => _candidates[member];

    /// <summary>The member's score for one of their candidates over their best score, in [0, 1].</summary>
    public double ScoreFor(int member, string track) => _normalized[member].GetValueOrDefault(track);

    /// <summary>
    /// Members the track is good for when <paramref name="picker"/>'s turn queues it: the picker, and every member who
    /// relates to it personally (ascending).
    /// </summary>
    public IReadOnlyList<int> GoodFor(string track, int picker)
    {
        var result = new List<int>(_members.Count);
        for (var m = 0; m < _members.Count; m++)
        {
            if (m == picker || Relates(m, track)) result.Add(m);
        }

        return result;
    }

    /// <summary>How many members relate to the track personally.</summary>
    public int SharedBy(string track)
    {
        var n = 0;
        for (var m = 0; m < _members.Count; m++)
        {
            if (Relates(m, track)) n++;
        }

        return n;
    }

    /// <summary>A personal candidate of the member (not trending filler), or by one of their favourite artists.</summary>
    public bool Relates(int member, string track)
    {
        if (_personal.Contains((member, track))) return true;
        var artist = _artists.GetValueOrDefault(track);
        return artist is not null && _members[member].FavoriteArtists.Contains(artist);
    }

    /// <summary>Σ over <paramref name="goodFor"/> of the track's score / their best score (a candidate of theirs), or the favourite-artist credit.</summary>
    public double GroupValue(string track, IReadOnlyList<int> goodFor)
    {
        var value = 0.0;
        foreach (var m in goodFor) value += _normalized[m].TryGetValue(track, out var score) ? score : _favoriteArtistCredit;
        return value;
    }
}
