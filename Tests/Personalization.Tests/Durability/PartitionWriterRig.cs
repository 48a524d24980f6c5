using Microsoft.Extensions.Logging.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;

namespace Personalization.Tests.Durability;

/// <summary>
/// The pieces of a partition writer wired as <see cref="JournalPartitionGrain"/> wires them, without a cluster: a
/// scripted store, snapshots a test sets, and the group commit queue on the caller's context.
/// </summary>
public sealed class PartitionWriterRig : IDisposable
{
    public const int Partition = 3;

    public PartitionWriterRig()
    {
        Segments = new PartitionSegments(Partition, Store, Options.SegmentCacheChars, (_, _) => Reports++);
        Settler = new SegmentSettler(Segments);
        Verifier = new ListenerVerifier(Segments, Snapshots, Options);
        Janitor = new SegmentJanitor(Segments, NullLogger.Instance);
        Forgetter = new ListenerForgetter(Segments, Janitor, Options);
        Committer = new SegmentCommitter(Segments, Settler, Verifier, Janitor, Counters, Options, NullLogger.Instance);
        Appends = new(Committer.CommitAsync, SegmentCommitter.CharsOf, JournalOptions.SegmentBudgetChars, TimeSpan.Zero, offScheduler: false, Committer.Failure);
    }

    public JournalOptions Options { get; } = new() { CommitTimeout = TimeSpan.FromSeconds(5) };

    public ScriptedSegmentStore Store { get; } = new();

    public SetSnapshots Snapshots { get; } = new();

    public JournalCounters Counters { get; } = new();

    public int Reports { get; private set; }

    public PartitionSegments Segments { get; }

    public SegmentSettler Settler { get; }

    public ListenerVerifier Verifier { get; }

    public SegmentJanitor Janitor { get; }

    public ListenerForgetter Forgetter { get; }

    public SegmentCommitter Committer { get; }

    public GroupCommitQueue<JournalAppendRecord[], JournalAppendOutcome[]> Appends { get; }

    public static JournalAppendRecord Append(string user, long first, params string[] events) => new(user, first, events);

    /// <summary>Commits the calls as one batch (what the queue would take at once); a failure as its callers get it.</summary>
    public async Task<JournalAppendOutcome[][]> CommitAsync(params JournalAppendRecord[][] calls)
    {
        try
        {
            return await Committer.CommitAsync([.. calls.Select(c => new GroupCommitItem<JournalAppendRecord[]>(c, SegmentCommitter.CharsOf(c), default))]);
        }
        catch (Exception ex)
        {
            throw Committer.Failure(ex);
        }
    }

    public async Task<SegmentEntry[]> StoredEntriesAsync() => [.. (await Store.SegmentsAsync(Partition)).SelectMany(s => s.Entries)];

    public void Dispose() => Segments.Dispose();

    /// <summary>Stored snapshots' sequences per user (0 when none); a user listed in <see cref="Failing"/> cannot be read.</summary>
    public sealed class SetSnapshots : IListenerSnapshots
    {
        public Dictionary<string, long> Sequences { get; } = [];

        public HashSet<string> Failing { get; } = [];

        public int Reads { get; private set; }

        public Task<long> SequenceOfAsync(string userId)
        {
            Reads++;
            if (Failing.Contains(userId)) return Task.FromException<long>(new InvalidOperationException($"snapshot of {userId} unreadable"));
            return Task.FromResult(Sequences.GetValueOrDefault(userId));
        }
    }
}
