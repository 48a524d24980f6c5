namespace Personalization.Engine.Model;

/// <summary>
/// A bounded id → weight map for the learner. When it fills up, the lighter half is pruned (rare pairs go first), so
/// memory per key is capped while frequent pairs survive. Linear arrays: keys hold at most a few hundred entries.
/// </summary>
public sealed class WeightedSet
{
    private readonly int _capacity;
    private int[] _ids = new int[4];
    private float[] _weights = new float[4];
    private int _count;

    public WeightedSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _capacity = capacity;
    }

    public int Count => _count;

    /// <summary>Every stored entry (weights may be zero or negative after credit was taken back), in storage order.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

    /// <summary>The weights of <see cref="Ids"/>, index for index.</summary>
    public ReadOnlySpan<float> Weights => _weights.AsSpan(0, _count);

    public bool Contains(int id) => _ids.AsSpan(0, _count).Contains(id);

    /// <summary>
    /// Puts back a checkpoint's entries exactly as stored (no pruning, no merging: the set was written from one) when
    /// they fit; otherwise (written when the cap was larger, e.g. before an upgrade lowered it) the heaviest ones, ties
    /// by id (<see cref="ScoredIdOrder"/>), so lowering a cap keeps what it would publish.
    /// </summary>
    public void RestoreAll(ReadOnlySpan<(int Id, float Weight)> entries)
    {
        if (_count + entries.Length <= _capacity)
        {
            foreach (var (id, weight) in entries) Append(id, weight);
            return;
        }

        var heaviest = new ScoredId[entries.Length];
        for (var i = 0; i < entries.Length; i++) heaviest[i] = new ScoredId(entries[i].Id, entries[i].Weight);
        ScoredIdOrder.Sort(heaviest);
        for (var i = 0; i < heaviest.Length && _count < _capacity; i++) Append(heaviest[i].Id, heaviest[i].Weight);
    }

    private void Append(int id, float weight)
    {
        if (_count == _ids.Length)
        {
            var size = Math.Min(_capacity, _ids.Length * 2);
            Array.Resize(ref _ids, size);
            Array.Resize(ref _weights, size);
        }

        _ids[_count] = id;
        _weights[_count] = weight;
        _count++;
    }

    public void Add(int id, float weight)
    {
        var i = Array.IndexOf(_ids, id, 0, _count);
        if (i >= 0)
        {
            _weights[i] += weight;
            return;
        }

        if (weight <= 0) return; // taking credit back from a pair that is not stored: nothing to do
        if (_count == _capacity) PruneLighterHalf();
        Append(id, weight);
    }

    /// <summary>Removes <paramref name="id"/> (order of the rest is not kept); false when it was not stored.</summary>
    public bool Remove(int id)
    {
        var i = Array.IndexOf(_ids, id, 0, _count);
        if (i < 0) return false;
        _count--;
        _ids[i] = _ids[_count];
        _weights[i] = _weights[_count];
        return true;
    }

    /// <summary>Bytes its arrays take (for memory estimates).</summary>
    public int AllocatedBytes => _ids.Length * (sizeof(int) + sizeof(float));

    /// <summary>The <paramref name="n"/> heaviest positive entries, heaviest first (ties by id).</summary>
    public ScoredId[] Top(int n)
    {
        Span<ScoredId> positive = _count <= MaxOnStack ? stackalloc ScoredId[_count] : new ScoredId[_count];
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_weights[i] > 0) positive[kept++] = new ScoredId(_ids[i], _weights[i]);
        }

        positive = positive[..kept];
        ScoredIdOrder.Sort(positive);
        return positive[..Math.Min(Math.Max(n, 0), kept)].ToArray();
    }

    /// <summary>Entries sorted on the stack by <see cref="Top"/> (8 bytes each); a larger set sorts in a temporary array.</summary>
    private const int MaxOnStack = 256;

    private void PruneLighterHalf()
    {
        var keep = Top(_capacity / 2);
        for (var i = 0; i < keep.Length; i++)
        {
            _ids[i] = keep[i].Id;
            _weights[i] = keep[i].Weight;
        }

        _count = keep.Length;
    }
}
