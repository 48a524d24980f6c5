using Personalization.Abstractions;
using Personalization.Abstractions.Blend;

namespace Personalization.Testing;

/// <summary>Assertions on Blend queues and discovery lists that read like the product's rules; failures print the whole queue.</summary>
public static class BlendAssertions
{
    /// <summary>
    /// The documented floor, recomputed from the items (not from the reported shares): in every prefix of k items, each
    /// member who brought at least as many usable candidates as the queue is long has at least floor(k / members) items
    /// good for them; and the reported shares match the items.
    /// </summary>
    public static void ShouldHonourFairnessFloor(this BlendQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        foreach (var share in queue.Shares)
        {
            var counted = queue.Items.Count(i => i.GoodFor.Contains(share.UserId));
            if (counted != share.Items) KitAssertionException.Throw($"{share.UserId}: reported share {share.Items}, but {counted} items are good for them. {Describe(queue)}");
            if (share.Candidates < queue.Items.Count) continue; // the floor is owed to members with enough candidates
            for (var k = 1; k <= queue.Items.Count; k++)
            {
                var got = queue.Items.Take(k).Count(i => i.GoodFor.Contains(share.UserId));
                var floor = k / queue.Members.Count;
                if (got < floor) KitAssertionException.Throw($"{share.UserId} has {got} of the first {k} items, below the floor {floor}. {Describe(queue)}");
            }
        }
    }

    /// <summary>Every item is good for <paramref name="member"/> at least <paramref name="minimum"/> times.</summary>
    public static void ShouldGive(this BlendQueue queue, string member, int minimum)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var share = queue.Shares.Single(s => s.UserId == member);
        if (share.Items < minimum) KitAssertionException.Throw($"{member} has {share.Items} items, expected at least {minimum}. {Describe(queue)}");
    }

    public static void ShouldContainNoneOf(this RecommendationList list, IReadOnlySet<string> trackIds)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(trackIds);
        var offending = list.Items.Where(r => trackIds.Contains(r.TrackId)).Select(r => r.TrackId).ToList();
        if (offending.Count > 0) KitAssertionException.Throw($"Expected none of these tracks, got {string.Join(", ", offending)} in: {RecommendationAssertions.Describe(list)}");
    }

    public static void ShouldGiveReasons(this RecommendationList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var bare = list.Items.Where(r => string.IsNullOrWhiteSpace(r.Reason) || string.IsNullOrWhiteSpace(r.ReasonCode)).ToList();
        if (bare.Count > 0) KitAssertionException.Throw($"Items without a reason: {string.Join(", ", bare.Select(r => r.TrackId))}");
    }

    public static string Describe(BlendQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var shares = string.Join(", ", queue.Shares.Select(s => $"{s.UserId}={s.Items}/{s.Candidates}"));
        var items = string.Join("; ", queue.Items.Select((i, n) => $"#{n + 1} {i.TrackId} for {i.PickedFor} good for [{string.Join(",", i.GoodFor)}] ({i.ReasonCode})"));
        return $"Shares: {shares}. Items: {items}";
    }
}
