using Microsoft.Extensions.Logging;

namespace Personalization.Journal.Segments;

/// <summary>
/// Asks listeners whose entries stayed uncovered past <see cref="JournalOptions.SweepAge"/> to write a snapshot, so
/// that their segments can be deleted (the writer's timer runs it every <see cref="JournalOptions.SweepInterval"/>).
/// </summary>
/// <param name="checkpoints">The listener's checkpoint grain (the writer grain's grain factory).</param>
/// <param name="logger">The writer grain's logger (its category names the log lines).</param>
public sealed partial class ListenerSweep(PartitionSegments segments, JournalOptions options, Func<string, IListenerCheckpointGrain> checkpoints, ILogger logger)
{
    /// <summary>Asks listeners whose entries stayed uncovered past <see cref="JournalOptions.SweepAge"/> to write a snapshot; returns how many were asked.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var users = segments.Index.UsersPinningSince(Environment.TickCount64 - (long)options.SweepAge.TotalMilliseconds + 1, options.SweepBatch);
        if (users.Count == 0) return 0;
        var failed = 0;
        foreach (var chunk in users.Chunk(16))
        {
            if (cancellationToken.IsCancellationRequested) break;
            var results = await Task.WhenAll(chunk.Select(async user =>
            {
                try
                {
                    await checkpoints(user).CheckpointAsync();
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return false;
                }
            }));
            failed += results.Count(ok => !ok);
        }

        LogSwept(segments.Partition, users.Count, failed);
        return users.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal partition {Partition}: asked {Users} listener(s) with long-uncovered entries for a snapshot ({Failed} failed).")]
    private partial void LogSwept(int partition, int users, int failed);
}
