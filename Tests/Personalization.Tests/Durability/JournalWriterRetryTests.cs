using System.Diagnostics;
using Orleans.Runtime;
using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class JournalWriterRetryTests
{
    private static readonly JournalOptions Short = new() { CommitTimeout = TimeSpan.FromMilliseconds(300), WriterCallTimeout = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task A_call_lost_to_a_moving_writer_is_sent_again_until_it_is_answered()
    {
        var attempts = 0;
        // The whole retry budget (three commit timeouts) generous, so a loaded machine's late timers cannot exhaust it:
        // this test is about which errors are retried, not about the budget (the next test is).
        var generous = new JournalOptions { CommitTimeout = TimeSpan.FromSeconds(10), WriterCallTimeout = TimeSpan.FromMilliseconds(100) };
        var result = await new JournalWriterRetry(generous).RunAsync(() =>
        {
            attempts++;
            return attempts switch
            {
                1 => throw new SiloUnavailableException("its silo left"),
                2 => throw new JournalWriterMovingException("stepping down"),
                3 => new TaskCompletionSource<int>().Task, // never answered: the attempt times out
                _ => Task.FromResult(42),
            };
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_writer_that_stays_away_is_given_up_after_three_commit_timeouts_with_the_last_error()
    {
        var attempts = 0;
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => new JournalWriterRetry(Short).RunAsync<int>(() =>
        {
            attempts++;
            throw new SiloUnavailableException("gone");
        }, CancellationToken.None));

        Assert.True(watch.Elapsed >= Short.CommitTimeout * 3, $"gave up after {watch.Elapsed}");
        Assert.InRange(attempts, 2, 30); // retried, with 50, 100, 200, 400 ms ... between attempts: not a busy loop
    }

    [Fact]
    public async Task An_answer_that_is_not_a_lost_call_is_thrown_at_once()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<ArgumentException>(() => new JournalWriterRetry(Short).RunAsync<int>(() =>
        {
            attempts++;
            throw new ArgumentException("bad user id");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_cancelled_caller_stops_the_retries_with_the_error_it_saw_last()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => new JournalWriterRetry(Short).RunAsync<int>(() =>
        {
            if (++attempts == 2) cancel.Cancel();
            throw new SiloUnavailableException("gone");
        }, cancel.Token));

        Assert.Equal(2, attempts);
    }
}
