using System.Collections.Concurrent;
using System.Diagnostics;
using Personalization.Abstractions;

namespace Personalization.Tests.Durability.Processes;

/// <summary>
/// Streams listening events for many users through the client facade with bounded concurrency, like a gateway under
/// load: each user's events are
/// sent in order; a failed call is retried with the same event id (idempotent) until it is acknowledged. Records what
/// was acknowledged per user and when calls failed, to check "0 lost, 0 double-counted" and time to recovery.
/// </summary>
public sealed class EventStreamer(ProcessCluster cluster, int users, int concurrency)
{
    private readonly int[] _acknowledged = new int[users];
    private readonly ConcurrentQueue<(TimeSpan At, string Error)> _failures = new();
    private readonly ConcurrentQueue<string> _failureMessages = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly WorkerStatus[] _workers = Enumerable.Range(0, concurrency).Select(_ => new WorkerStatus()).ToArray();
    private long _calls;

    /// <summary>Longest a single event may keep failing before the run is declared broken.</summary>
    public static TimeSpan HardDeadline { get; } = TimeSpan.FromSeconds(90);

    /// <summary>Pause before retrying a failed call, as a gateway would.</summary>
    public static TimeSpan RetryBackoff { get; } = TimeSpan.FromMilliseconds(100);

    public static string UserId(int index) => $"stream-{index:D5}";

    public TimeSpan Now => _clock.Elapsed;

    public long Calls => Interlocked.Read(ref _calls);

    public int TotalAcknowledged => _acknowledged.Sum();

    public IReadOnlyList<int> AcknowledgedPerUser => _acknowledged;

    public IReadOnlyCollection<(TimeSpan At, string Error)> Failures => _failures;

    /// <summary>Each failed call's exception type and the first line of its message, in order (for the test's output).</summary>
    public IReadOnlyCollection<string> FailureMessages => _failureMessages;

    /// <summary>Runs until <paramref name="stop"/> is cancelled; every user gets events round-robin.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => WorkerAsync(worker, stop)));

    /// <summary>Completes once every user has at least <paramref name="events"/> acknowledged events.</summary>
    public async Task WaitForAllUsersAsync(int events, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (_acknowledged.Any(a => a < events))
        {
            if (deadline.Elapsed > timeout)
            {
                var recent = string.Join(", ", _failures.Where(f => f.At > _clock.Elapsed - TimeSpan.FromSeconds(10)).GroupBy(f => f.Error).Select(g => $"{g.Key}×{g.Count()}"));
                throw new TimeoutException($"Only {_acknowledged.Count(a => a >= events)} of {users} users reached {events} events; failures in the last 10 s: {recent}. Workers: {DescribeWorkers(events)}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>What each worker that still has users below <paramref name="events"/> is doing: its call in flight (event, how long, attempts), or how it ended.</summary>
    private string DescribeWorkers(int events)
    {
        var lines = new List<string>();
        for (var w = 0; w < _workers.Length; w++)
        {
            var behind = Enumerable.Range(0, users).Where(u => u % _workers.Length == w && _acknowledged[u] < events).ToList();
            if (behind.Count == 0) continue;
            var status = _workers[w];
            var state = status.Ended is { } ended
                ? $"ended: {ended}"
                : status.EventId is { } eventId
                    ? $"{eventId} in flight for {(_clock.Elapsed - status.Since).TotalSeconds:F1} s, attempt {status.Attempts}"
                    : "between calls";
            lines.Add($"worker {w} ({behind.Count} users behind, first {UserId(behind[0])}): {state}");
        }

        return lines.Count == 0 ? "none behind" : string.Join("; ", lines);
    }

    private async Task WorkerAsync(int worker, CancellationToken stop)
    {
        try
        {
            await StreamAsync(_workers[worker], worker, stop);
        }
        catch (Exception ex)
        {
            _workers[worker].Ended = $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
            throw;
        }

        _workers[worker].Ended = "stopped";
    }

    private async Task StreamAsync(WorkerStatus status, int worker, CancellationToken stop)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            for (var u = worker; u < users && !stop.IsCancellationRequested; u += concurrency)
            {
                var sequence = _acknowledged[u];
                var e = new ListenEvent($"{UserId(u)}-e{sequence}", $"st-t{(u * 7 + sequence) % 500}", $"st-a{u % 50}", EventKind.Complete,
                    start.AddSeconds(round * 10 + sequence), 180_000, 180_000);
                // Once started, an event is retried until acknowledged (even after stop), so nothing is left in doubt.
                var giveUpAt = _clock.Elapsed + HardDeadline;
                status.Begin(e.EventId, _clock.Elapsed);
                while (true)
                {
                    if (_clock.Elapsed > giveUpAt) throw new TimeoutException($"{e.EventId} not acknowledged within {HardDeadline}.");
                    Interlocked.Increment(ref _calls);
                    status.Attempts++;
                    try
                    {
                        await cluster.Facade.RecordAsync(UserId(u), e, CancellationToken.None);
                        _acknowledged[u] = sequence + 1;
                        status.EventId = null;
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _failures.Enqueue((_clock.Elapsed, ex.GetType().Name));
                        _failureMessages.Enqueue($"{_clock.Elapsed.TotalSeconds:F1} s {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                        await Task.Delay(RetryBackoff, CancellationToken.None); // a client's retry backoff, not a wait for a condition
                    }
                }
            }
        }
    }

    /// <summary>One worker's current call, for the timeout's message (written by the worker, read racily by the waiter: diagnostics only).</summary>
    private sealed class WorkerStatus
    {
        public volatile string? EventId;
        public volatile string? Ended;
        public TimeSpan Since;
        public int Attempts;

        public void Begin(string eventId, TimeSpan now)
        {
            Since = now;
            Attempts = 0;
            EventId = eventId;
        }
    }
}
