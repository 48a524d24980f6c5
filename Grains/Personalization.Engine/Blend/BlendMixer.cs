namespace Personalization.Engine.Blend;

/// <summary>
/// Merges members' candidates into one shared queue, fair across members.
/// <list type="bullet">
/// <item>Vetoes: a track any member blocked, or by an artist any member dislikes, is never queued.</item>
/// <item>A member <em>relates</em> to a track when it is one of their personal candidates (not trending filler) or by one
/// of their favourite artists. A queued track is <em>good for</em> the member whose turn picked it and for every member
/// who relates to it. A member's share = the queue's items good for them (an item good for several counts for each).</item>
/// <item>Turns: each position goes to the member with the smallest share so far (ties: the one served least recently,
/// then member order) who still has an unqueued candidate. In their turn the member takes the personal candidate with
/// the best own score (over their best) × (1 + <see cref="BlendOptions.SharedBonus"/> × other members who relate to it):
/// tracks good for several members come first unless the picker likes them much less. Their non-personal candidates
/// (trending) come last.</item>
/// </list>
/// Fairness floor: a turn raises the picker's share by one, so the smallest share among members still holding
/// candidates rises at least every <c>members</c> turns. Hence, in every prefix of k items, a member with at least as many
/// usable candidates as the queue is long has at least floor(k / members) items good for them, and any member at least
/// min(floor(k / members), their usable personal candidates). Deterministic for given inputs.
/// </summary>
public sealed class BlendMixer(BlendOptions options)
{
    public BlendResult Mix(IReadOnlyList<BlendMemberInput> members, int count)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfLessThan(members.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        var tracks = new BlendTrackTable(members, options.FavoriteArtistCredit);
        var shares = new int[members.Count];
        var lastServed = Enumerable.Repeat(-1, members.Count).ToArray();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<BlendPick>(count);
        while (items.Count < count)
        {
            var turn = NextMember(tracks, shares, lastServed, placed);
            if (turn < 0) break; // nobody has an unqueued candidate left
            var chosen = Choose(tracks, turn, placed);
            placed.Add(chosen.TrackId);
            var goodFor = tracks.GoodFor(chosen.TrackId, turn);
            foreach (var m in goodFor) shares[m]++;
            lastServed[turn] = items.Count;
            items.Add(new BlendPick(chosen, turn, goodFor, tracks.GroupValue(chosen.TrackId, goodFor)));
        }

        var usable = Enumerable.Range(0, members.Count).Select(m => tracks.CandidatesOf(m).Count).ToArray();
        return new BlendResult(items, shares, usable, count / members.Count);
    }

    private static int NextMember(BlendTrackTable tracks, int[] shares, int[] lastServed, HashSet<string> placed)
    {
        var best = -1;
        for (var m = 0; m < shares.Length; m++)
        {
            if (!tracks.CandidatesOf(m).Any(c => !placed.Contains(c.TrackId))) continue;
            if (best < 0 || shares[m] < shares[best] || (shares[m] == shares[best] && lastServed[m] < lastServed[best])) best = m;
        }

        return best;
    }

    private BlendCandidate Choose(BlendTrackTable tracks, int member, HashSet<string> placed)
    {
        BlendCandidate? best = null;
        var bestPersonal = false;
        double bestValue = 0;
        foreach (var c in tracks.CandidatesOf(member))
        {
            if (placed.Contains(c.TrackId)) continue;
            var own = tracks.ScoreFor(member, c.TrackId);
            var value = c.Personal ? own * (1 + options.SharedBonus * (tracks.SharedBy(c.TrackId) - 1)) : own;
            if (best is null || (c.Personal && !bestPersonal) || (c.Personal == bestPersonal && value > bestValue))
            {
                best = c;
                bestPersonal = c.Personal;
                bestValue = value;
            }
        }

        return best ?? throw new InvalidOperationException("The member has no unqueued candidate.");
    }
}
