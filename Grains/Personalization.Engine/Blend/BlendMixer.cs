namespace Personalization.Engine.Blend;

/// <summary>
/// Merges members' candidates into one shared queue, fair across members.
/// <list type="bullet">
/// <item>Vetoes: a track any member blocked, or by an artist any member dislikes, is never queued.</item>
/// <item>A track is <em>good for</em> a member when it is among that member's candidates or by one of their favourite
/// artists. A member's share = the queue's items good for them (an item good for several counts for each).</item>
/// <item>Turns: each position goes to the member with the smallest share so far (ties: the one served least recently,
/// then member order) who still has an unqueued candidate. In their turn the member's candidate chosen is the one
/// shared by most members (personal candidates and favourite artists), then the highest group value, then their
/// own rank: tracks good for several members come first.</item>
/// </list>
/// Fairness floor: the picked member's share grows by at least one per turn, so the smallest share among members still
/// holding candidates rises at least every <c>members</c> turns. Hence every prefix of k items gives each member at
/// least min(floor(k / members), usable candidates of that member) items. Deterministic for given inputs.
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
            var goodFor = tracks.GoodFor(chosen.TrackId);
            foreach (var m in goodFor) shares[m]++;
            lastServed[turn] = items.Count;
            items.Add(new BlendPick(chosen, turn, goodFor, tracks.GroupValue(chosen.TrackId)));
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

    private static BlendCandidate Choose(BlendTrackTable tracks, int member, HashSet<string> placed)
    {
        BlendCandidate? best = null;
        int bestShared = -1;
        double bestValue = 0;
        foreach (var c in tracks.CandidatesOf(member))
        {
            if (placed.Contains(c.TrackId)) continue;
            var shared = tracks.SharedBy(c.TrackId);
            var value = tracks.GroupValue(c.TrackId);
            if (best is null || shared > bestShared || (shared == bestShared && value > bestValue))
            {
                best = c;
                bestShared = shared;
                bestValue = value;
            }
        }

        return best ?? throw new InvalidOperationException("The member has no unqueued candidate.");
    }
}
