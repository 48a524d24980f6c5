namespace Personalization.Engine;

/// <summary>Lifetime counters of one listener.</summary>
public sealed class ListenerCounters
{
    public long Events { get; set; }
    public long Plays { get; set; }
    public long Completes { get; set; }
    public long Skips { get; set; }
    public long EarlySkips { get; set; }
    public long Likes { get; set; }
    public long Dislikes { get; set; }
    public long Saves { get; set; }
    public long Duplicates { get; set; }
    public long Sessions { get; set; }

    public void Count(SignalKind kind)
    {
        Events++;
        switch (kind)
        {
            case SignalKind.Play: Plays++; break;
            case SignalKind.Complete: Completes++; break;
            case SignalKind.Skip: Skips++; break;
            case SignalKind.Like: Likes++; break;
            case SignalKind.Dislike: Dislikes++; break;
            case SignalKind.Save: Saves++; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signal kind.");
        }
    }

    public void Reset()
    {
        Events = Plays = Completes = Skips = EarlySkips = Likes = Dislikes = Saves = Duplicates = Sessions = 0;
    }
}
