namespace Personalization.Engine;

/// <summary>
/// Lifetime counters of one listener. A struct held inside <see cref="ListenerState"/>; use it through a reference. Each
/// is kept in 32 bits (40 bytes less per listener than 64): a count stops at <see cref="int.MaxValue"/>, 2.1 billion
/// events, 68 years at one a second; a stored count beyond it is restored as that.
/// </summary>
public struct ListenerCounters
{
    private int _events, _plays, _completes, _skips, _earlySkips, _likes, _dislikes, _saves, _duplicates, _sessions;

    public long Events { readonly get => _events; set => _events = Saturate(value); }
    public long Plays { readonly get => _plays; set => _plays = Saturate(value); }
    public long Completes { readonly get => _completes; set => _completes = Saturate(value); }
    public long Skips { readonly get => _skips; set => _skips = Saturate(value); }
    public long EarlySkips { readonly get => _earlySkips; set => _earlySkips = Saturate(value); }
    public long Likes { readonly get => _likes; set => _likes = Saturate(value); }
    public long Dislikes { readonly get => _dislikes; set => _dislikes = Saturate(value); }
    public long Saves { readonly get => _saves; set => _saves = Saturate(value); }
    public long Duplicates { readonly get => _duplicates; set => _duplicates = Saturate(value); }
    public long Sessions { readonly get => _sessions; set => _sessions = Saturate(value); }

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

    private static int Saturate(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

    public void Reset()
    {
        Events = Plays = Completes = Skips = EarlySkips = Likes = Dislikes = Saves = Duplicates = Sessions = 0;
    }
}
