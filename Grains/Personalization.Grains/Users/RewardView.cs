using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Rewards;
using Personalization.Grains.State;

namespace Personalization.Grains.Users;

/// <summary>Builds the wire reward summary from live statistics or from a stored record.</summary>
public static class RewardView
{
    public static RewardSummary Create(in RewardStats s) =>
        Create(s.ListsServed, s.ItemsServed, s.Started, s.Completed, s.SkippedEarly, s.Saved, s.Liked, s.Disliked,
            s.ListsReturned, s.Reward, s.ServedBySource.ToArray(), s.RewardBySource.ToArray());

    public static RewardSummary Create(RewardsRecord? r) => r is null
        ? Create(new RewardStats())
        : Create(r.ListsServed, r.ItemsServed, r.Started, r.Completed, r.SkippedEarly, r.Saved, r.Liked, r.Disliked,
            r.ListsReturned, r.Reward, r.ServedBySource ?? [], r.RewardBySource ?? []);

    private static RewardSummary Create(
        long lists, long items, long started, long completed, long skippedEarly, long saved, long liked, long disliked,
        long returned, double reward, long[] servedBySource, double[] rewardBySource)
    {
        var bySource = new List<SourceReward>(RewardStats.SourceCount);
        for (var i = 0; i < Math.Min(servedBySource.Length, RewardStats.SourceCount); i++)
        {
            if (servedBySource[i] == 0) continue;
            var r = i < rewardBySource.Length ? rewardBySource[i] : 0;
            bySource.Add(new SourceReward(EventMapper.CodeOf((ReasonKind)i), servedBySource[i], Math.Round(r, 4)));
        }

        return new RewardSummary(lists, items, started, completed, skippedEarly, saved, liked, disliked, returned,
            Math.Round(reward, 4), lists == 0 ? 0 : Math.Round(reward / lists, 4), bySource);
    }
}
