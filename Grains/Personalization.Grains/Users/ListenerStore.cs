using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Journal;
using Personalization.Grains.State;

namespace Personalization.Grains.Users;

/// <summary>
/// The durable home of one listener: every applied event goes to the event journal (group-committed with other users'
/// events; the caller is acknowledged after the commit), and the full state is written as a snapshot every N events or
/// T, and on deactivation. Loading = snapshot + replay of the journal tail after the snapshot's sequence. After a
/// snapshot, the journal entries it covers are released at once: a duplicate activation (a membership change, a silo
/// shutting down while a new activation already loaded) is fenced by the journal's sequence check, which does not
/// depend on the entries compaction deletes (Grains/Personalization.Journal/README.md, "Segment layout"). Between writes the
/// store keeps only the stored snapshot's sequence, and the persistent state one empty snapshot shared by every listener:
/// the live state is the engine's.
/// </summary>
public sealed partial class ListenerStore(string userId, IPersistentState<UserSnapshot> snapshots, ListenerStoreServices services)
{
    /// <summary>What is kept in the persistent state between reads and writes: one empty snapshot for every listener (never mutated).</summary>
    private static readonly UserSnapshot Released = new();

    /// <summary>
    /// What log lines name this listener by: a keyed hash, never the user id. Computed per log line (they are rare:
    /// failures and hand-overs), not held: a string per active listener otherwise.
    /// </summary>
    private string Logged => services.Pseudonyms.Of(userId);

    /// <summary>When the last snapshot was written (or the store created), in UTC ticks: 8 bytes, a DateTimeOffset takes 16.</summary>
    private long _snapshotAtTicks = services.Clock.GetUtcNow().UtcTicks;

    /// <summary>The sequence the stored snapshot covers (the persistent state holds <see cref="Released"/> between writes).</summary>
    private long _storedSequence;
    private Task _compaction = Task.CompletedTask;

    /// <summary>The sequence through which the journal is known to be compacted; <see cref="Unknown"/> when unknown (see <see cref="CompactAsync"/>).</summary>
    private long _compactedThrough = Unknown;

    private const long Unknown = -1;

    /// <summary>The sequence the stored snapshot covers.</summary>
    public long SnapshotSequence => _storedSequence;

    /// <summary>
    /// Rebuilds the listener from <paramref name="migrated"/> (a live hand-over) or the stored snapshot, then replays
    /// the journal tail. Replayed events are not republished to the model: it learned them when they were recorded.
    /// Loaded names get their ids from <paramref name="ids"/>, the listener's leases in the vocabulary (null: names are
    /// admitted, as in tools).
    /// </summary>
    public async Task<ListenerState> LoadAsync(UserSnapshot? migrated, EngineOptions engine, CancellationToken cancellationToken, ListenerIds? ids = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await LoadOnceAsync(migrated, engine, ids, cancellationToken);
            }
            catch (JournalSnapshotBehindException behind) when (migrated is null && attempt < MaxLoadAttempts)
            {
                // Another activation wrote a newer snapshot after ours was read (a hand-over): read it again.
                LogSnapshotBehind(services.Logger, Logged, SnapshotSequence, behind.CoveredThrough);
                await snapshots.ReadStateAsync(cancellationToken);
            }
        }
    }

    /// <summary>Loads tried when the journal reports that a newer snapshot exists than the one read.</summary>
    private const int MaxLoadAttempts = 3;

    private async Task<ListenerState> LoadOnceAsync(UserSnapshot? migrated, EngineOptions engine, ListenerIds? ids, CancellationToken cancellationToken)
    {
        var source = migrated ?? (snapshots.RecordExists ? snapshots.State : null);
        var idOf = ids is null ? null : (Func<string, int>)ids.Id;
        var state = source is null ? new ListenerState(engine) : services.Codec.Restore(source, engine, idOf);
        Keep(migrated is null ? state.Sequence : snapshots.State.Sequence);
        var loaded = state.Sequence;
        await foreach (var entry in services.Journal.ReadAfterAsync(userId, state.Sequence, cancellationToken))
        {
            state.Apply(entry.Event.EventId, services.Mapper.ToListen(entry.Event, idOf));
            if (state.Sequence != entry.Sequence) LogReplayGap(services.Logger, Logged, entry.Sequence, state.Sequence);
        }

        // Nothing stored at all: nothing to compact. Otherwise the previous activation's last compaction may not have
        // completed (a deactivation does not wait for it), and a tail (a crash, a failed write) or a migrated state may
        // leave more: the first compaction truncates everything behind the loaded snapshot.
        _compactedThrough = migrated is null && loaded == 0 && state.Sequence == 0 ? 0 : Unknown;
        return state;
    }

    /// <summary>Completes once the entries are durably committed. Throws <see cref="StorageUnavailableException"/> when storage does not confirm.</summary>
    public Task AppendAsync(IReadOnlyList<JournalEntry> entries) => services.Journal.AppendAsync(userId, entries);

    /// <summary>The raw events the journal holds after the stored snapshot (the privacy export lists them).</summary>
    public async Task<IReadOnlyList<ExportedEvent>> ReadTailAsync(CancellationToken cancellationToken)
    {
        var tail = new List<ExportedEvent>();
        await foreach (var entry in services.Journal.ReadAfterAsync(userId, SnapshotSequence, cancellationToken)) tail.Add(ExportedEvent.Of(entry.Event));
        return tail;
    }

    /// <summary>Writes a snapshot when the policy says so. False when another activation holds newer state (this one is stale).</summary>
    public Task<bool> MaybeSnapshotAsync(ListenerState state)
    {
        var due = state.Sequence - SnapshotSequence >= services.Options.EveryEvents || services.Clock.GetUtcNow().UtcTicks - _snapshotAtTicks >= services.Options.Interval.Ticks;
        return due ? SnapshotAsync(state) : Task.FromResult(true);
    }

    /// <summary>
    /// Writes the full state. An ETag conflict (another activation wrote meanwhile) is resolved by re-reading: if the
    /// stored snapshot is at or beyond this state, this activation is stale (false); otherwise it writes once more over
    /// the freshly read version. A storage failure is logged, not thrown: the journal already holds every event.
    /// </summary>
    public async Task<bool> SnapshotAsync(ListenerState state)
    {
        if (state.Sequence == SnapshotSequence) return true; // nothing new (also: a forgotten user is not written back)
        try
        {
            await WriteAsync(state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return await ResolveConflictAsync(state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSnapshotFailed(services.Logger, ex, Logged);
            return true;
        }
    }

    /// <summary>Completes when the compaction the last snapshot started (the entries it covers) ended: released, or failed and logged.</summary>
    public Task CompactionCompleted => _compaction;

    public async Task DeleteAsync()
    {
        await services.Journal.DeleteUserAsync(userId);
        await snapshots.ClearStateAsync();
        Keep(0);
    }

    private async Task<bool> ResolveConflictAsync(ListenerState state)
    {
        try
        {
            await snapshots.ReadStateAsync();
            var storedSequence = snapshots.RecordExists ? snapshots.State.Sequence : 0;
            if (storedSequence >= state.Sequence)
            {
                LogStale(services.Logger, Logged, storedSequence, state.Sequence);
                Keep(storedSequence);
                return false;
            }

            await WriteAsync(state); // once, over the version just read: never a blind retry loop
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSnapshotFailed(services.Logger, ex, Logged);
            return true;
        }
    }

    /// <summary>What a migrating activation carries of the stored snapshot to its next one: the shell, the ETag and whether a record exists.</summary>
    public GrainState<UserSnapshot> CaptureStored() => new(Shell(_storedSequence)) { ETag = snapshots.Etag, RecordExists = snapshots.RecordExists };

    /// <summary>What migration carries of the stored snapshot: its sequence, in an otherwise empty snapshot.</summary>
    public static UserSnapshot Shell(long sequence) => new() { Sequence = sequence };

    /// <summary>Remembers the stored snapshot's sequence and lets the snapshot itself go (a listener holds a long, not a 96-byte shell).</summary>
    private void Keep(long storedSequence)
    {
        _storedSequence = storedSequence;
        snapshots.State = Released;
    }

    private async Task WriteAsync(ListenerState state)
    {
        var previous = SnapshotSequence;
        snapshots.State = services.Codec.Capture(state);
        try
        {
            await snapshots.WriteStateAsync();
        }
        catch
        {
            Keep(previous);
            throw;
        }

        Keep(state.Sequence);
        _snapshotAtTicks = services.Clock.GetUtcNow().UtcTicks;
        _compaction = CompactAsync(state.Sequence);
    }

    /// <summary>
    /// Deletes the journal through <paramref name="through"/> (the sequence of the snapshot just written): by key, only
    /// the entries since the previous compaction, when that is known (it succeeded in this activation); otherwise (the
    /// first compaction of an activation, or after a failed one) everything through it, leftovers included.
    /// </summary>
    private async Task CompactAsync(long through)
    {
        var after = _compactedThrough;
        if (after >= through) return;
        _compactedThrough = Unknown;
        try
        {
            if (after != Unknown) await services.Journal.TruncateRangeAsync(userId, after, through);
            else await services.Journal.TruncateThroughAsync(userId, through);
            _compactedThrough = through;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCompactionFailed(services.Logger, ex, Logged, through); // harmless: the next snapshot truncates these entries too
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading {User}: a newer snapshot than the one read (sequence {Read}) covers the journal through {Covered}; reading it again.")]
    private static partial void LogSnapshotBehind(ILogger logger, string user, long read, long covered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying {User}: journal entry {EntrySequence} left the state at {StateSequence}.")]
    private static partial void LogReplayGap(ILogger logger, string user, long entrySequence, long stateSequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of {User}: storage holds sequence {Stored} >= this activation's {Ours}; this activation is stale and deactivates.")]
    private static partial void LogStale(ILogger logger, string user, long stored, long ours);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the snapshot of {User} failed; the journal still holds every event, the next snapshot will retry.")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception ex, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacting the journal of {User} through {Sequence} failed; the next snapshot retries.")]
    private static partial void LogCompactionFailed(ILogger logger, Exception ex, string user, long sequence);
}
