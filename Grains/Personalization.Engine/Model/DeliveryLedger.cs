namespace Personalization.Engine.Model;

/// <summary>
/// The last batch a shard applied from each sender, so that a batch delivered twice is applied once. A sender (one
/// silo's model feed, for as long as its process runs) numbers its batches to a shard 1, 2, 3 … and sends the next only
/// once the previous one was answered or given up; it repeats a batch when the answer was lost (the shard's silo
/// stopped after applying it), and the repeat reaches the shard's next activation, which restored this ledger with the
/// learner from the same checkpoint. At most <c>capacity</c> senders are remembered: the least recently seen is
/// forgotten first (a sender long gone never repeats anything). Sender 0 is unnumbered and never deduplicated.
/// Single writer (its shard grain), like the learner.
/// </summary>
public sealed class DeliveryLedger
{
    /// <summary>Senders a shard remembers by default: every silo process of many rolling restarts.</summary>
    public const int DefaultCapacity = 256;

    private readonly int _capacity;
    private readonly Dictionary<ulong, (long Sequence, long Seen)> _senders = [];
    private long _clock;

    public DeliveryLedger(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Senders remembered.</summary>
    public int Count => _senders.Count;

    /// <summary>Changes with every batch accepted: a checkpoint writes the ledger again only when it moved.</summary>
    public long Version => _clock;

    /// <summary>
    /// Whether the batch <paramref name="sequence"/> of <paramref name="sender"/> is new (and is now recorded as applied),
    /// or was applied before (at or below the last sequence seen from that sender): the caller skips it.
    /// </summary>
    public bool Accept(ulong sender, long sequence)
    {
        if (sender == 0) return true;
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (_senders.TryGetValue(sender, out var last) && sequence <= last.Sequence) return false;
        if (!_senders.ContainsKey(sender) && _senders.Count >= _capacity) _senders.Remove(LeastRecentlySeen());
        _senders[sender] = (sequence, ++_clock);
        return true;
    }

    /// <summary>Every sender with the last sequence applied from it, the most recently seen last (what a checkpoint stores).</summary>
    public (ulong Sender, long Sequence)[] Entries() =>
        [.. _senders.OrderBy(s => s.Value.Seen).Select(s => (s.Key, s.Value.Sequence))];

    /// <summary>Loads the entries a checkpoint stored (oldest first) into an empty ledger; beyond the capacity the oldest are dropped.</summary>
    public void Restore(IEnumerable<(ulong Sender, long Sequence)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (sender, sequence) in entries)
        {
            if (sender != 0 && sequence > 0) Accept(sender, sequence);
        }
    }

    private ulong LeastRecentlySeen()
    {
        var oldest = _senders.First();
        foreach (var s in _senders)
        {
            if (s.Value.Seen < oldest.Value.Seen) oldest = s;
        }

        return oldest.Key;
    }
}
