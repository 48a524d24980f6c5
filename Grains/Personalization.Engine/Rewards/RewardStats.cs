namespace Personalization.Engine.Rewards;

/// <summary>
/// One listener's lifetime reward statistics: served lists and items, attributed outcomes (each counted once per
/// served item), lists followed by a return within the attribution window, and the reward (<see cref="RewardSignal"/>)
/// in total and per candidate source. Fixed size: a few counters, and two arrays of <see cref="SourceCount"/> that exist
/// only once a list was served (most of a silo's active listeners may never be).
/// </summary>
public sealed class RewardStats
{
    /// <summary>Number of candidate sources (<see cref="ReasonKind"/> values).</summary>
    public const int SourceCount = 8;

    public long ListsServed { get; set; }
    public long ItemsServed { get; set; }
    public long Started { get; set; }
    public long Completed { get; set; }
    public long SkippedEarly { get; set; }
    public long Saved { get; set; }
    public long Liked { get; set; }
    public long Disliked { get; set; }
    public long ListsReturned { get; set; }
    public double Reward { get; set; }

    private static readonly long[] NoneServed = new long[SourceCount];
    private static readonly double[] NoReward = new double[SourceCount];
    private long[]? _servedBySource;
    private double[]? _rewardBySource;

    /// <summary>Served items per source (index = <see cref="ReasonKind"/>; <see cref="SourceCount"/> entries, zeros until the first).</summary>
    public ReadOnlySpan<long> ServedBySource => _servedBySource ?? NoneServed;

    /// <summary>Reward per source (index = <see cref="ReasonKind"/>; <see cref="SourceCount"/> entries, zeros until the first).</summary>
    public ReadOnlySpan<double> RewardBySource => _rewardBySource ?? NoReward;

    public void CountServed(ReasonKind source) => (_servedBySource ??= new long[SourceCount])[(int)source]++;

    public void AddReward(ReasonKind source, double delta)
    {
        Reward += delta;
        (_rewardBySource ??= new double[SourceCount])[(int)source] += delta;
    }

    /// <summary>Restores the per-source statistics as stored (entries beyond <see cref="SourceCount"/> are ignored; all zeros keep nothing).</summary>
    public void RestoreBySource(ReadOnlySpan<long> served, ReadOnlySpan<double> reward)
    {
        served = served[..Math.Min(served.Length, SourceCount)];
        reward = reward[..Math.Min(reward.Length, SourceCount)];
        _servedBySource = served.ContainsAnyExcept(0L) ? [.. served, .. new long[SourceCount - served.Length]] : null;
        _rewardBySource = reward.ContainsAnyExcept(0.0) ? [.. reward, .. new double[SourceCount - reward.Length]] : null;
    }

    public void Count(ItemOutcome added)
    {
        if ((added & ItemOutcome.Started) != 0) Started++;
        if ((added & ItemOutcome.Completed) != 0) Completed++;
        if ((added & ItemOutcome.SkippedEarly) != 0) SkippedEarly++;
        if ((added & ItemOutcome.Saved) != 0) Saved++;
        if ((added & ItemOutcome.Liked) != 0) Liked++;
        if ((added & ItemOutcome.Disliked) != 0) Disliked++;
    }

    public void Reset()
    {
        ListsServed = ItemsServed = Started = Completed = SkippedEarly = Saved = Liked = Disliked = ListsReturned = 0;
        Reward = 0;
        _servedBySource = null;
        _rewardBySource = null;
    }
}
