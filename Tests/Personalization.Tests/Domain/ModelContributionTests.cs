using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Domain;

/// <summary>What one listener's steps may teach the shared model: one vote per window, at a human pace, through admitted ids.</summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class ModelContributionTests
{
    private const long T0 = 1_767_571_200_000;
    private const long Minute = 60_000;
    private const int Artist = 900;

    [Fact]
    public void A_step_teaches_its_play_and_its_transitions_with_the_listener_who_vouches_for_them()
    {
        var state = new ListenerState(new EngineOptions());
        Step(state, 1, T0);
        Step(state, 77, T0 + 3 * Minute);
        var o = Step(state, 2, T0 + 6 * Minute)!;

        Assert.True(o.CountsPlay);
        Assert.Equal([77, 1], o.Predecessors);
        Assert.Equal(42UL, o.Listener);
    }

    [Fact]
    public void A_pair_taught_in_its_window_keeps_the_gap_of_the_predecessors_after_it()
    {
        var state = new ListenerState(new EngineOptions());
        Step(state, 1, T0);
        Step(state, 2, T0 + 3 * Minute);
        Step(state, 3, T0 + 6 * Minute);
        Step(state, 2, T0 + 9 * Minute);
        var o = Step(state, 4, T0 + 12 * Minute)!;

        Assert.Equal([2, 3, -1, 1], o.Predecessors); // 2 appears twice: its second (farther) occurrence is -1
    }

    [Fact]
    public void A_listeners_repeated_play_counts_once_per_window_and_a_repeated_transition_once_per_day()
    {
        var state = new ListenerState(new EngineOptions());
        Step(state, 1, T0);
        Assert.True(Step(state, 2, T0 + 3 * Minute)!.CountsPlay);
        Step(state, 1, T0 + 6 * Minute);
        var again = Step(state, 2, T0 + 9 * Minute)!;
        Assert.False(again.CountsPlay); // within the hour
        Assert.DoesNotContain(1, again.Predecessors); // 1 → 2 taught already today

        Step(state, 1, T0 + 25 * 60 * Minute);
        var tomorrow = Step(state, 2, T0 + 25 * 60 * Minute + 3 * Minute)!;
        Assert.True(tomorrow.CountsPlay);
        Assert.Equal([1], tomorrow.Predecessors);
    }

    [Fact]
    public void Steps_sustained_faster_than_a_person_listens_teach_nothing_after_the_burst()
    {
        var options = new EngineOptions { ListenBurst = 5, MinListenInterval = TimeSpan.FromSeconds(20) };
        var state = new ListenerState(options);
        var taught = 0;
        for (var i = 0; i < 100; i++)
        {
            if (Step(state, 1 + (i % 4), T0 + i * 1_000L) is not null) taught++;
        }

        Assert.InRange(taught, 5, 10); // the burst, then one step per 20 s of the 100 s
        Assert.NotNull(Step(state, 1, T0 + 100_000 + 10 * Minute)); // a pause refills it
    }

    [Fact]
    public void A_completion_at_position_zero_teaches_nothing()
    {
        var state = new ListenerState(new EngineOptions());
        var listen = new Listen(1, Artist, SignalKind.Complete, T0);
        state.Apply("e", listen);
        Assert.Null(ModelContribution.Of(state, listen, 42, zeroLength: true));
    }

    [Fact]
    public void With_every_window_off_each_step_teaches_everything()
    {
        var options = new EngineOptions { PlayCountWindow = TimeSpan.Zero, TransitionCountWindow = TimeSpan.Zero, MinListenInterval = TimeSpan.Zero };
        var state = new ListenerState(options);
        for (var i = 0; i < 50; i++)
        {
            var o = Step(state, 1 + (i % 2), T0 + i * 1_000L)!;
            Assert.True(o.CountsPlay);
            if (i > 0) Assert.Equal(2 - (i % 2), o.Predecessors[0]);
        }
    }

    private static ModelObservation? Step(ListenerState state, int track, long timeMs)
    {
        var listen = new Listen(track, Artist, SignalKind.Complete, timeMs);
        state.Apply($"e{track}-{timeMs}", listen);
        return ModelContribution.Of(state, listen, listener: 42, zeroLength: false);
    }
}
