using System.Diagnostics;
using Orleans.Runtime;
using Personalization.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Personalization.Journal.Segments;

/// <summary>
/// How a silo calls a partition writer: each attempt has <see cref="JournalOptions.WriterCallTimeout"/>; a call lost
/// while a writer moves (rejected by a silo shutting down, its silo declared dead, the writer stepping down, or
/// unanswered in time) is sent again with a short backoff (50 ms doubling to 1 s), until three
/// <see cref="JournalOptions.CommitTimeout"/>s have passed since the first attempt. A Polly pipeline, as
/// <see cref="ClusterRetry"/> is. Every writer call is safe to repeat: reads and covers are idempotent, and the writer
/// counts an append whose entries it already stored as committed.
/// </summary>
public sealed class JournalWriterRetry
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("pzn.journal.started");
    private readonly ResiliencePipeline _pipeline;

    public JournalWriterRetry(JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var giveUpAfter = (long)((options.CommitTimeout * 3).TotalSeconds * Stopwatch.Frequency);
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsLost(ex)
                    && !args.Context.CancellationToken.IsCancellationRequested
                    && Stopwatch.GetTimestamp() - args.Context.Properties.GetValue(StartedAt, 0) < giveUpAfter),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(1),
                UseJitter = false,
            })
            .AddTimeout(options.WriterCallTimeout)
            .Build();
    }

    /// <summary>Runs a writer call (see the class summary); what is not lost, or still failing at the end, is thrown.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, Stopwatch.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (context, call) => await call().WaitAsync(context.CancellationToken).ConfigureAwait(false),
                context,
                call).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The call may never have reached a live writer: rejected during a membership change, its silo gone or shutting down, or no answer in time.</summary>
    public static bool IsLost(Exception exception) =>
        exception is TimeoutRejectedException or TimeoutException or OrleansMessageRejectionException or SiloUnavailableException or JournalWriterMovingException;
}
