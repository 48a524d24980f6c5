namespace Personalization.Engine.Rewards;

/// <summary>What the listener did with one served item (flags accumulate: a start, then a completion and a like).</summary>
[Flags]
public enum ItemOutcome : byte
{
    None = 0,

    /// <summary>Played (a play, a completion or a late skip).</summary>
    Started = 1,
    Completed = 2,

    /// <summary>Skipped before <see cref="EngineOptions.EarlySkipFraction"/> of the track.</summary>
    SkippedEarly = 4,
    Saved = 8,
    Liked = 16,
    Disliked = 32,
}
