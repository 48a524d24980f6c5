namespace Personalization.Engine.Rewards;

/// <summary>
/// A ring of the last served lists: per list its time, context and "returned" mark; per item its interned track,
/// source and accumulated outcome, in flat arrays allocated on the first served list (8 lists x 20 items: about
/// 1.1 KB). In memory only: lists live for the attribution window (a day) and a lost list only loses the attribution
/// of outcomes still to come, so the snapshot stays small (the reward statistics themselves are stored). A struct
/// held inside <see cref="RewardLedger"/>; use it through a reference.
/// </summary>
public struct ServedListMemory(RewardOptions options)
{
    private readonly int _lists = options.MaxServedLists;
    private readonly int _items = options.MaxServedItems;
    private int[]? _tracks;
    private byte[]? _sources;
    private ItemOutcome[]? _outcomes;
    private long[]? _servedAt;
    private byte[]? _counts;
    private byte[]? _flags;
    private int _next;

    private const byte ReturnedFlag = 0x80;

    /// <summary>Lists remembered (≤ <see cref="RewardOptions.MaxServedLists"/>).</summary>
    public int Count { readonly get; private set; }

    /// <summary>Remembers a list (its first <see cref="RewardOptions.MaxServedItems"/> items); returns how many items were kept.</summary>
    public int Remember(long servedAtMs, ListeningContext context, ReadOnlySpan<int> tracks, ReadOnlySpan<ReasonKind> sources)
    {
        if (tracks.Length != sources.Length) throw new ArgumentException("One source per track.", nameof(sources));
        if (_tracks is null)
        {
            _tracks = new int[_lists * _items];
            _sources = new byte[_lists * _items];
            _outcomes = new ItemOutcome[_lists * _items];
            _servedAt = new long[_lists];
            _counts = new byte[_lists];
            _flags = new byte[_lists];
        }

        var slot = _next;
        _next = (_next + 1) % _lists;
        Count = Math.Min(Count + 1, _lists);
        var kept = Math.Min(tracks.Length, _items);
        var offset = slot * _items;
        for (var i = 0; i < kept; i++)
        {
            _tracks[offset + i] = tracks[i];
            _sources![offset + i] = (byte)sources[i];
            _outcomes![offset + i] = ItemOutcome.None;
        }

        _servedAt![slot] = servedAtMs;
        _counts![slot] = (byte)kept;
        _flags![slot] = (byte)context;
        return kept;
    }

    /// <summary>The k-th most recent list's slot (k = 0: the newest).</summary>
    public readonly int SlotOf(int k) => (_next - 1 - k + 2 * _lists) % _lists;

    public readonly long ServedAt(int slot) => _servedAt![slot];

    public readonly ListeningContext ContextOf(int slot) => (ListeningContext)(_flags![slot] & ~ReturnedFlag);

    public readonly bool IsReturned(int slot) => (_flags![slot] & ReturnedFlag) != 0;

    public void MarkReturned(int slot) => _flags![slot] |= ReturnedFlag;

    public readonly int ItemCount(int slot) => _counts![slot];

    public readonly int TrackAt(int slot, int position) => _tracks![slot * _items + position];

    public readonly ReasonKind SourceAt(int slot, int position) => (ReasonKind)_sources![slot * _items + position];

    public readonly ItemOutcome OutcomeAt(int slot, int position) => _outcomes![slot * _items + position];

    public void SetOutcome(int slot, int position, ItemOutcome outcome) => _outcomes![slot * _items + position] = outcome;

    /// <summary>The newest list served at or before <paramref name="timeMs"/> and within <paramref name="windowMs"/> that holds the track.</summary>
    public readonly bool TryFind(int track, long timeMs, long windowMs, out int slot, out int position)
    {
        for (var k = 0; k < Count; k++)
        {
            slot = SlotOf(k);
            var age = timeMs - _servedAt![slot];
            if (age < 0 || age > windowMs) continue;
            var offset = slot * _items;
            for (position = 0; position < _counts![slot]; position++)
            {
                if (_tracks![offset + position] == track) return true;
            }
        }

        slot = position = -1;
        return false;
    }

    public void Clear()
    {
        _tracks = null;
        _sources = null;
        _outcomes = null;
        _servedAt = null;
        _counts = null;
        _flags = null;
        _next = 0;
        Count = 0;
    }
}
