using System.Runtime.CompilerServices;
using Personalization.Engine;
using Personalization.Journal;

namespace Personalization.Tests.Durability;

/// <summary>
/// A hand-over during a silo's shutdown, with a journal that releases a snapshot's entries at once and reports reads
/// behind a cover (the segment journal's contract): the new activation read the stored snapshot before the old one
/// wrote its deactivation snapshot and covered its entries. The journal reports it
/// (<see cref="JournalSnapshotBehindException"/>) and the new activation reads the snapshot again instead of starting
/// from an empty or older state. (Found by the SIGTERM fault test: such a listener's next append was refused as behind
/// its log, and that call failed.)
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class SnapshotBehindTests
{
    private readonly CoveringJournal _journal = new();
    private readonly ListenerStoreRig _rig;

    public SnapshotBehindTests() => _rig = new ListenerStoreRig("behind-user", _journal);

    [Fact]
    public async Task A_new_activation_that_read_an_older_snapshot_reads_the_newer_one_again()
    {
        var (old, oldState) = await _rig.LoadAsync();
        await _rig.RecordAsync(old, oldState, "e1", "e2", "e3");

        var newView = await _rig.OpenViewAsync(); // Orleans reads the new activation's state before it activates: no snapshot yet
        Assert.True(await old.SnapshotAsync(oldState)); // the old activation deactivates: snapshot 3, entries 1..3 released
        await old.CompactionCompleted;
        var loaded = await _rig.Store(newView).LoadAsync(null, new EngineOptions(), CancellationToken.None);

        Assert.Equal(3, _journal.CoveredThrough);
        Assert.Equal(3, loaded.Sequence);
        Assert.Equal(3, loaded.Counters.Events);
    }

    /// <summary>The segment journal's read contract over the memory journal: covered entries go at once, a read behind them is refused.</summary>
    private sealed class CoveringJournal : IEventJournal
    {
        private readonly MemoryEventJournal _inner = new();

        public long CoveredThrough { get; private set; }

        public Task<long> AppendAsync(string userId, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default) =>
            _inner.AppendAsync(userId, entries, cancellationToken);

        public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(string userId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (CoveredThrough > afterSequence) throw new JournalSnapshotBehindException { CoveredThrough = CoveredThrough };
            await foreach (var entry in _inner.ReadAfterAsync(userId, afterSequence, cancellationToken)) yield return entry;
        }

        public Task TruncateThroughAsync(string userId, long sequence, CancellationToken cancellationToken = default)
        {
            CoveredThrough = Math.Max(CoveredThrough, sequence);
            return _inner.TruncateThroughAsync(userId, sequence, cancellationToken);
        }

        public Task TruncateRangeAsync(string userId, long afterSequence, long throughSequence, CancellationToken cancellationToken = default) =>
            TruncateThroughAsync(userId, throughSequence, cancellationToken);

        public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) => _inner.DeleteUserAsync(userId, cancellationToken);
    }
}
