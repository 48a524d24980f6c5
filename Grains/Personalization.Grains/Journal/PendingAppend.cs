using Azure.Data.Tables;

namespace Personalization.Grains.Journal;

/// <summary>One caller's append waiting in the group-commit writer: its rows (one partition) and its completion.</summary>
public sealed class PendingAppend(string partition, IReadOnlyList<TableTransactionAction> actions, long lastSequence)
{
    public string Partition { get; } = partition;

    public IReadOnlyList<TableTransactionAction> Actions { get; } = actions;

    public long LastSequence { get; } = lastSequence;

    /// <summary>When the append was queued (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Completes (asynchronously, off the writer's loop) with <see cref="LastSequence"/> once committed.</summary>
    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
