using System.Diagnostics.CodeAnalysis;

namespace Personalization.Engine.Rewards;

/// <summary>
/// One listener's reward bookkeeping: remembers served lists (<see cref="ServedListMemory"/>), attributes each later
/// event to the newest remembered list and position that served its track, updates <see cref="RewardStats"/> and tells
/// the <see cref="Observer"/> (arm statistics, metrics). Not thread-safe: its grain serializes access. A struct held
/// inside <see cref="ListenerState"/>, as its parts are inside it; use it through a reference.
/// </summary>
public struct RewardLedger(RewardOptions options, TimeSpan sessionGap)
{
    private readonly long _windowMs = (long)options.AttributionWindow.TotalMilliseconds;
    private readonly long _sessionGapMs = (long)sessionGap.TotalMilliseconds;

    private RewardStats _stats = new();
    private ServedListMemory _served = new(options);

    [UnscopedRef]
    public ref RewardStats Stats => ref _stats;

    [UnscopedRef]
    public ref ServedListMemory Served => ref _served;

    /// <summary>Hears served items and attributed outcomes; null: nobody listens (replays, tools).</summary>
    public IRewardObserver? Observer { readonly get; set; }

    /// <summary>Records a served list (items in served order) and counts it.</summary>
    public void Serve(long servedAtMs, ListeningContext context, ReadOnlySpan<int> tracks, ReadOnlySpan<ReasonKind> sources, ReadOnlySpan<bool> explored)
    {
        var kept = Served.Remember(servedAtMs, context, tracks, sources);
        Stats.ListsServed++;
        Stats.ItemsServed += kept;
        for (var i = 0; i < kept; i++)
        {
            Stats.CountServed(sources[i]);
            Observer?.Served(context, sources[i], i, i < explored.Length && explored[i]);
        }
    }

    /// <summary>
    /// Attributes one applied signal. <paramref name="previousEventMs"/> is the listener's last event time before it
    /// (0 when none): an event at least a session gap after it starts a new session, which is a return for every
    /// remembered list served more than a session gap and less than the attribution window before.
    /// </summary>
    public void Observe(Listen listen, bool earlySkip, long previousEventMs)
    {
        if (Served.Count == 0) return;
        if (previousEventMs > 0 && listen.TimeMs - previousEventMs >= _sessionGapMs) CountReturns(listen.TimeMs);

        var outcome = RewardSignal.OutcomeOf(listen.Kind, earlySkip);
        if (outcome == ItemOutcome.None || !Served.TryFind(listen.Track, listen.TimeMs, _windowMs, out var slot, out var position)) return;
        var before = Served.OutcomeAt(slot, position);
        var after = before | outcome;
        if (after == before) return;

        Served.SetOutcome(slot, position, after);
        var source = Served.SourceAt(slot, position);
        var delta = RewardSignal.Of(after) - RewardSignal.Of(before);
        Stats.Count(after & ~before);
        Stats.AddReward(source, delta);
        Observer?.Attributed(Served.ContextOf(slot), source, position, after & ~before, delta);
    }

    public void Clear()
    {
        Served.Clear();
        Stats.Reset();
    }

    private void CountReturns(long timeMs)
    {
        for (var k = 0; k < Served.Count; k++)
        {
            var slot = Served.SlotOf(k);
            var age = timeMs - Served.ServedAt(slot);
            if (age <= _sessionGapMs || age >= _windowMs || Served.IsReturned(slot)) continue;
            Served.MarkReturned(slot);
            Stats.ListsReturned++;
            Observer?.Returned();
        }
    }
}
