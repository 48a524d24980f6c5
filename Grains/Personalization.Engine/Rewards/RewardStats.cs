namespace Personalization.Engine.Rewards;

/// <summary>
/// One listener's lifetime reward statistics: served lists and items, attributed outcomes (each counted once per
/// served item), lists followed by a return within the attribution window, and the reward (<see cref="RewardSignal"/>)
/// in total and per candidate source. Fixed size: a few counters, and two arrays of <see cref="SourceCount"/> that exist
/// only once a list was served (most of a silo's active listeners may never be). A struct held inside
/// <see cref="RewardLedger"/>; use it through a reference. Counts are kept in 32 bits and stop at
/// <see cref="int.MaxValue"/> (a list a second for 68 years), as <see cref="ListenerCounters"/> do.
/// </summary>
public struct RewardStats
{
    /// <summary>Number of candidate sources (<see cref="ReasonKind"/> values).</summary>
    public const int SourceCount = 8;

    private int _listsServed, _itemsServed, _started, _completed, _skippedEarly, _saved, _liked, _disliked, _listsReturned;

    public long ListsServed { readonly get => _listsServed; set => _listsServed = Saturate(value); }
    public long ItemsServed { readonly get => _itemsServed; set => _itemsServed = Saturate(value); }
    public long Started { readonly get => _started; set => _started = Saturate(value); }
    public long Completed { readonly get => _completed; set => _completed = Saturate(value); }
    public long SkippedEarly { readonly get => _skippedEarly; set => _skippedEarly = Saturate(value); }
    public long Saved { readonly get => _saved; set => _saved = Saturate(value); }
    public long Liked { readonly get => _liked; set => _liked = Saturate(value); }
    public long Disliked { readonly get => _disliked; set => _disliked = Saturate(value); }
    public long ListsReturned { readonly get => _listsReturned; set => _listsReturned = Saturate(value); }
    public double Reward { readonly get; set; }

    private static readonly long[] NoneServed = new long[SourceCount];
    private static readonly double[] NoReward = new double[SourceCount];
    private long[]? _servedBySource;
    private double[]? _rewardBySource;

    /// <summary>Served items per source (index = <see cref="ReasonKind"/>; <see cref="SourceCount"/> entries, zeros until the first).</summary>
    public readonly ReadOnlySpan<long> ServedBySource => _servedBySource ?? NoneServed;

    /// <summary>Reward per source (index = <see cref="ReasonKind"/>; <see cref="SourceCount"/> entries, zeros until the first).</summary>
    public readonly ReadOnlySpan<double> RewardBySource => _rewardBySource ?? NoReward;

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

    private static int Saturate(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

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
