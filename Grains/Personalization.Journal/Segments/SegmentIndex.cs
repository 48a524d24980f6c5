using Personalization.Journal;

namespace Personalization.Journal.Segments;

/// <summary>
/// What one journal partition's writer knows (plain state, no I/O): the stored segments it has seen, how many entries
/// not yet covered by a snapshot each holds, and per user the last committed sequence and where the uncovered entries
/// are. Segment numbers are dense and written insert-if-absent, so a writer that stores segment n has seen every
/// segment below n (its own, a scan's, or one absorbed after a collision): <see cref="Plan"/> then checks each append
/// against everything committed before it.
/// <para>
/// A user's last sequence is the larger of its entries seen here and its stored snapshot (entries of deleted segments
/// are covered by it), so a user is <em>verified</em> (its snapshot read) before its first append is planned. Segments
/// whose entries are all covered become deletable, except the highest: it stays so that a new writer's scan finds
/// where the numbering continues.
/// </para>
/// </summary>
public sealed class SegmentIndex
{
    private readonly Dictionary<string, UserLog> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SegmentInfo> _segments = [];
    private readonly SortedSet<long> _deletable = [];

    /// <summary>The highest segment number known to be stored (0: none yet). The next segment is <c>Highest + 1</c>.</summary>
    public long Highest { get; private set; }

    public int SegmentCount => _segments.Count;

    public int UserCount => _users.Count;

    /// <summary>Entries known and not yet covered by a snapshot.</summary>
    public long LiveEntries { get; private set; }

    public bool Knows(long segment) => _segments.ContainsKey(segment);

    public int PartsOf(long segment) => _segments.TryGetValue(segment, out var info) ? info.Parts : 0;

    /// <summary>Records a stored segment: found by a scan, met in a collision, or just committed by this writer.</summary>
    /// <param name="at">When it was seen (milliseconds on a monotonic clock; default now): what <see cref="UsersPinningSince"/> compares.</param>
    public void Absorb(long segment, int parts, IEnumerable<SegmentEntry> entries, long? at = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segment);
        ArgumentNullException.ThrowIfNull(entries);
        if (_segments.ContainsKey(segment)) return;
        var info = new SegmentInfo(parts, at ?? Environment.TickCount64);
        _segments[segment] = info;
        foreach (var entry in entries)
        {
            var log = Log(entry.UserId);
            if (entry.Sequence > log.Last) log.Last = entry.Sequence;
            if (entry.Sequence <= log.Covered || !log.Add(entry.Sequence, segment)) continue;
            info.Live++;
            LiveEntries++;
        }

        if (segment > Highest)
        {
            var previous = Highest;
            Highest = segment;
            if (_segments.TryGetValue(previous, out var before) && before.Live == 0) _deletable.Add(previous);
        }

        if (info.Live == 0 && segment != Highest) _deletable.Add(segment);
    }

    public bool IsVerified(string userId) => _users.TryGetValue(userId, out var log) && log.Verified;

    /// <summary>The user's stored snapshot covers <paramref name="snapshotSequence"/>: its last committed sequence is now known.</summary>
    public void Verify(string userId, long snapshotSequence)
    {
        var log = Log(userId);
        log.Last = Math.Max(log.Last, snapshotSequence);
        log.Verified = true;
    }

    /// <summary>After a conflict: the next append of the user reads its snapshot again (its last sequence may have moved on).</summary>
    public void Unverify(string userId)
    {
        if (!_users.TryGetValue(userId, out var log)) return;
        log.Verified = false;
        log.Last = log.Uncovered.Count > 0 ? log.Uncovered[^1].Sequence : 0;
    }

    public long LastOf(string userId) => _users.TryGetValue(userId, out var log) ? log.Last : 0;

    /// <summary>How far the user's snapshots are known to cover its log (0: unknown, e.g. after this writer started).</summary>
    public long CoveredOf(string userId) => _users.TryGetValue(userId, out var log) ? log.Covered : 0;

    /// <summary>
    /// Which appends continue their user's log, in order: an append is accepted when its first sequence follows the
    /// user's last committed one (or the one an earlier accepted append of this plan ends at). Every user must be verified.
    /// </summary>
    public JournalAppendOutcome[] Plan(IReadOnlyList<JournalAppendRecord> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        var outcomes = new JournalAppendOutcome[appends.Count];
        var planned = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i];
            if (!IsVerified(append.UserId)) throw new InvalidOperationException($"User '{append.UserId}' is not verified.");
            var last = planned.TryGetValue(append.UserId, out var p) ? p : LastOf(append.UserId);
            if (append.FirstSequence != last + 1)
            {
                outcomes[i] = JournalAppendOutcome.Conflict;
                continue;
            }

            planned[append.UserId] = append.FirstSequence + append.Events.Length - 1;
        }

        return outcomes;
    }

    /// <summary>A snapshot covers the user's entries through <paramref name="throughSequence"/>: they stop counting.</summary>
    public void Cover(string userId, long throughSequence)
    {
        var log = Log(userId);
        if (throughSequence <= log.Covered) return;
        log.Covered = throughSequence;
        var removed = 0;
        while (removed < log.Uncovered.Count && log.Uncovered[removed].Sequence <= throughSequence)
        {
            Release(log.Uncovered[removed].Segment);
            removed++;
        }

        log.Uncovered.RemoveRange(0, removed);
    }

    /// <summary>The segments (ascending, distinct) holding the user's known entries with a sequence above <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<long> SegmentsAfter(string userId, long afterSequence)
    {
        if (!_users.TryGetValue(userId, out var log)) return [];
        return [.. log.Uncovered.Where(e => e.Sequence > afterSequence).Select(e => e.Segment).Distinct().Order()];
    }

    /// <summary>The user's entries were removed from storage: its log starts again at sequence 1.</summary>
    public void Forget(string userId)
    {
        var log = Log(userId);
        foreach (var (_, segment) in log.Uncovered) Release(segment);
        log.Uncovered.Clear();
        log.Last = 0;
        log.Covered = 0;
        log.Verified = true;
    }

    /// <summary>Takes the segments that hold no uncovered entry (never the highest); the caller deletes them.</summary>
    public IReadOnlyList<long> TakeDeletable()
    {
        var taken = _deletable.Where(s => s != Highest && _segments.ContainsKey(s)).ToList();
        _deletable.Clear();
        return taken;
    }

    /// <summary>Deleting these failed: offer them again with the next <see cref="TakeDeletable"/>.</summary>
    public void ReturnDeletable(IEnumerable<long> segments)
    {
        foreach (var segment in segments) _deletable.Add(segment);
    }

    /// <summary>The segment is gone from storage.</summary>
    public void Deleted(long segment) => _segments.Remove(segment);

    /// <summary>Forgets users with nothing uncovered once more than <paramref name="maxUsers"/> are known (they are verified again when they return).</summary>
    public int Trim(int maxUsers)
    {
        if (_users.Count <= maxUsers) return 0;
        var idle = _users.Where(u => u.Value.Uncovered.Count == 0).Select(u => u.Key).Take(_users.Count - maxUsers * 9 / 10).ToList();
        foreach (var user in idle) _users.Remove(user);
        return idle.Count;
    }

    /// <summary>
    /// Users whose oldest uncovered entry is in a segment seen before <paramref name="seenBefore"/> (at most
    /// <paramref name="max"/>): a snapshot of theirs would let such segments go.
    /// </summary>
    public IReadOnlyList<string> UsersPinningSince(long seenBefore, int max)
    {
        var users = new List<string>();
        foreach (var (user, log) in _users)
        {
            if (users.Count >= max) break;
            if (log.Uncovered.Count > 0 && _segments.TryGetValue(log.Uncovered[0].Segment, out var info) && info.SeenAt < seenBefore) users.Add(user);
        }

        return users;
    }

    private void Release(long segment)
    {
        LiveEntries--;
        if (_segments.TryGetValue(segment, out var info) && --info.Live == 0 && segment != Highest) _deletable.Add(segment);
    }

    private UserLog Log(string userId)
    {
        if (!_users.TryGetValue(userId, out var log)) _users[userId] = log = new UserLog();
        return log;
    }

    private sealed class SegmentInfo(int parts, long seenAt)
    {
        public int Parts { get; } = parts;

        public long SeenAt { get; } = seenAt;

        public int Live { get; set; }
    }

    private sealed class UserLog
    {
        public long Last { get; set; }

        public long Covered { get; set; }

        public bool Verified { get; set; }

        /// <summary>Entries above <see cref="Covered"/>, ascending by sequence.</summary>
        public List<(long Sequence, long Segment)> Uncovered { get; } = [];

        /// <summary>Adds an entry in sequence order; false when the sequence is already known (counted once).</summary>
        public bool Add(long sequence, long segment)
        {
            if (Uncovered.Count == 0 || Uncovered[^1].Sequence < sequence)
            {
                Uncovered.Add((sequence, segment));
                return true;
            }

            var at = Uncovered.BinarySearch((sequence, 0), Comparer.Instance);
            if (at >= 0) return false;
            Uncovered.Insert(~at, (sequence, segment));
            return true;
        }

        private sealed class Comparer : IComparer<(long Sequence, long Segment)>
        {
            public static readonly Comparer Instance = new();

            public int Compare((long Sequence, long Segment) x, (long Sequence, long Segment) y) => x.Sequence.CompareTo(y.Sequence);
        }
    }
}
