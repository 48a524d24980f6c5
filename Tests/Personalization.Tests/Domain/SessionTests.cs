using Personalization.Engine;

namespace Personalization.Tests.Domain;

[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class SessionTests
{
    private const long T0 = 1_767_571_200_000;
    private static readonly EngineOptions Options = new();
    private static readonly long GapMs = (long)Options.SessionGap.TotalMilliseconds;

    [Fact]
    public void The_first_listen_starts_a_session()
    {
        var state = new ListenerState(Options);
        var change = state.Apply("e1", new Listen(1, 1, SignalKind.Play, T0));

        Assert.True(change.NewSession);
        Assert.Equal(1, state.Counters.Sessions);
        Assert.True(state.IsSessionActive(T0));
    }

    [Fact]
    public void A_gap_just_under_the_session_gap_continues_the_session()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(1, 1, SignalKind.Play, T0));
        var change = state.Apply("e2", new Listen(2, 1, SignalKind.Play, T0 + GapMs - 1));

        Assert.False(change.NewSession);
        Assert.True(change.NewStep);
        Assert.Equal(1, state.Counters.Sessions);
        Assert.Equal(0, state.SessionStartIndex());
    }

    [Fact]
    public void A_gap_of_at_least_the_session_gap_starts_a_new_session()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(1, 1, SignalKind.Play, T0));
        var change = state.Apply("e2", new Listen(2, 1, SignalKind.Play, T0 + GapMs));
        state.Apply("e3", new Listen(3, 1, SignalKind.Play, T0 + GapMs + 60_000));
        state.Apply("e4", new Listen(4, 1, SignalKind.Play, T0 + 5 * GapMs));

        Assert.True(change.NewSession);
        Assert.Equal(3, state.Counters.Sessions);
        Assert.Equal(3, state.SessionStartIndex());
    }

    [Fact]
    public void The_same_track_after_a_gap_is_a_new_step_in_a_new_session()
    {
        var state = new ListenerState(Options);
        state.Apply("e1", new Listen(1, 1, SignalKind.Play, T0));
        var change = state.Apply("e2", new Listen(1, 1, SignalKind.Complete, T0 + GapMs));

        Assert.True(change.NewSession);
        Assert.Equal(2, state.History.Count);
    }

    [Fact]
    public void The_session_is_active_until_the_gap_has_passed_since_the_last_step()
    {
        var state = new ListenerState(Options);
        Assert.False(state.IsSessionActive(T0));

        state.Apply("e1", new Listen(1, 1, SignalKind.Play, T0, 0, 600_000));
        state.Apply("e2", new Listen(1, 1, SignalKind.Complete, T0 + 600_000, 600_000, 600_000));

        // The step's time moved to its completion, so the gap counts from there.
        Assert.True(state.IsSessionActive(T0 + 600_000 + GapMs - 1));
        Assert.False(state.IsSessionActive(T0 + 600_000 + GapMs));
    }
}
