using Personalization.Abstractions.Blend;
using Personalization.Engine.Blend;

namespace Personalization.Grains.Blend;

/// <summary>Maps members' wire summaries to the mixer's input and the mixer's result to the wire queue.</summary>
public static class BlendQueueView
{
    /// <summary>The reason code the user grain gives trending candidates (see <c>EventMapper.ToRecommendation</c>): not personal.</summary>
    public const string TrendingReasonCode = "trending";

    public const string SharedReasonCode = "blend-shared";

    /// <summary>A member's summary as the mixer's input, keeping only the candidates <paramref name="allowed"/> accepts.</summary>
    public static BlendMemberInput ToInput(TasteSummary summary, Func<string, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(allowed);
        return new BlendMemberInput(
            summary.UserId,
            [.. summary.Candidates.Where(r => allowed(r.TrackId)).Select(r => new BlendCandidate(r.TrackId, r.ArtistId, r.Score, r.Reason, r.ReasonCode, r.Because, r.ReasonCode != TrendingReasonCode))],
            summary.FavoriteArtists.ToHashSet(StringComparer.Ordinal),
            summary.DislikedArtists.ToHashSet(StringComparer.Ordinal),
            summary.BlockedTracks.ToHashSet(StringComparer.Ordinal));
    }

    public static BlendQueue Create(string blendId, IReadOnlyList<string> members, IReadOnlyList<TasteSummary> summaries, BlendResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(result);
        var items = result.Items.Select(p => ToItem(p, members)).ToArray();
        var shares = members.Select((m, i) => new MemberShare(
            m,
            result.Shares[i],
            items.Length == 0 ? 0 : Math.Round((double)result.Shares[i] / items.Length, 4),
            result.UsableCandidates[i],
            summaries[i].Sequence)).ToArray();
        return new BlendQueue(blendId, Guid.NewGuid().ToString("N"), now, members, items, shares, result.FairnessFloor);
    }

    private static BlendItem ToItem(BlendPick pick, IReadOnlyList<string> members)
    {
        var c = pick.Candidate;
        var goodFor = pick.GoodFor.Select(i => members[i]).ToArray();
        var picker = members[pick.PickedFor];
        var (reason, code) = goodFor.Length > 1
            ? ($"good for {string.Join(", ", goodFor)}", SharedReasonCode)
            : ($"for {picker}: {c.Reason}", c.ReasonCode);
        return new BlendItem(c.TrackId, c.ArtistId, Math.Round(pick.GroupValue, 6), reason, code, c.Because, picker, goodFor);
    }
}
