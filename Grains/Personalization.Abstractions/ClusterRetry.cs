using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace Personalization.Abstractions;

/// <summary>
/// Retries a call that the cluster refused while its membership changed (a silo shutting down rejected it, the
/// silo hosting the grain was just declared dead, or a grain's previous activation on a stopping silo wrote first and
/// the new one stepped down: <see cref="StorageUnavailableException.ActivationMoved"/>), and once a call that timed out (a silo shutting down or hung held
/// it). Only for calls that are safe to repeat, since a call broken because its silo stopped may have run: reads are
/// reads, events are deduplicated by their ids, catalogue writes set absolute values, and the model feed's batches are
/// numbered so that a shard applies each once. Storage outages are not retried here: they surface at once (HTTP 503
/// with Retry-After) so that callers decide. A Polly retry pipeline: 100, 200, 400 ms between attempts.
/// </summary>
public static class ClusterRetry
{
    public const int MaxAttempts = 4;

    /// <summary>A timed-out call is repeated at most once, so a hung silo costs at most two response timeouts.</summary>
    public const int MaxTimeoutAttempts = 2;

    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                && (IsMembershipChurn(ex) || (ex is TimeoutException && args.AttemptNumber + 1 < MaxTimeoutAttempts))),
            MaxRetryAttempts = MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(100),
            UseJitter = false,
        })
        .Build();

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await Pipeline.ExecuteAsync(static async (call, token) => await call().WaitAsync(token), call, cancellationToken);
    }

    public static Task RunAsync(Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, for a caller that can wait: a refused call is repeated (waits doubling from 100 ms
    /// to at most <see cref="MaxPatientDelay"/>) for as long as <paramref name="patience"/> lasts, and a timed-out one once.
    /// For background deliveries that must outlast a membership change: a silo that stops keeps the grain directory
    /// pointing at the activations it just deactivated until it has left, so calls to them are refused for seconds, not
    /// for the 0.7 s of <see cref="RunAsync{T}"/>. Waits on <paramref name="clock"/>'s timers.
    /// </summary>
    public static async Task RunPatientlyAsync(Func<Task> call, TimeSpan patience, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        var timeouts = 0;
        while (true)
        {
            try
            {
                await call().WaitAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (IsMembershipChurn(ex) || (ex is TimeoutException && ++timeouts < MaxTimeoutAttempts))
            {
                if (clock.GetElapsedTime(started) + delay > patience) throw;
            }

            await Task.Delay(delay, clock, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPatientDelay.Ticks));
        }
    }

    /// <summary>The longest wait between two attempts of <see cref="RunPatientlyAsync"/>.</summary>
    public static readonly TimeSpan MaxPatientDelay = TimeSpan.FromSeconds(1);

    public static bool IsMembershipChurn(Exception exception) =>
        exception is OrleansMessageRejectionException or SiloUnavailableException or Model.ModelShardMovingException
            or StorageUnavailableException { ActivationMoved: true };
}
