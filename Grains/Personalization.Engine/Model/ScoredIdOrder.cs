namespace Personalization.Engine.Model;

/// <summary>Heaviest first; ties broken by id so that every list is deterministic.</summary>
public sealed class ScoredIdOrder : IComparer<ScoredId>
{
    public static readonly ScoredIdOrder Instance = new();

    public int Compare(ScoredId x, ScoredId y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Id.CompareTo(y.Id);

    /// <summary>
    /// Sorts in this order. Positive weights and non-negative ids (every published list) sort as one 64-bit key each —
    /// the weight's bits inverted above the id, so the keys' order is this order — with primitive comparisons instead
    /// of a comparer call per comparison; anything else sorts through <see cref="Compare"/>.
    /// </summary>
    public static void Sort(Span<ScoredId> items)
    {
        if (items.Length < 2) return;
        foreach (var item in items)
        {
            if (!(item.Weight > 0) || item.Id < 0)
            {
                items.Sort(Instance);
                return;
            }
        }

        var keys = items.Length <= MaxKeysOnStack ? stackalloc ulong[items.Length] : new ulong[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = ((ulong)~BitConverter.SingleToUInt32Bits(items[i].Weight) << 32) | (uint)items[i].Id;
        }

        keys.Sort();
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new ScoredId((int)(uint)keys[i], BitConverter.UInt32BitsToSingle(~(uint)(keys[i] >> 32)));
        }
    }

    private const int MaxKeysOnStack = 512;
}
