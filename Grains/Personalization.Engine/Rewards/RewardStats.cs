namespace Personalization.Engine.Rewards;

/// <summary>
/// One listener's lifetime reward statistics: served lists and items, attributed outcomes (each counted once per
/// served item), lists followed by a return within the attribution window, and the reward (<see cref="RewardSignal"/>)
/// in total and per candidate source. Fixed size (a few counters and two arrays of <see cref="SourceCount"/>).
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

    /// <summary>Served items per source (index = <see cref="ReasonKind"/>).</summary>
    public long[] ServedBySource { get; } = new long[SourceCount];

    /// <summary>Reward per source (index = <see cref="ReasonKind"/>).</summary>
    public double[] RewardBySource { get; } = new double[SourceCount];

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
        Array.Clear(ServedBySource);
        Array.Clear(RewardBySource);
    }
}
