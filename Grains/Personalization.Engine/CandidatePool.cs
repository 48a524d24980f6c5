using System.Buffers;

namespace Personalization.Engine;

/// <summary>
/// Accumulates per-source contributions per candidate track and remembers the strongest one as its reason.
/// A recommendation is synchronous and hot: the candidate table is reused per thread without clearing and the ranking
/// array is pooled, so a request allocates almost nothing for its few hundred candidates.
/// </summary>
internal sealed class CandidatePool
{
    /// <summary>A table that grew beyond this many slots is not kept for reuse.</summary>
    private const int MaxReusedCapacity = 16_384;

    [ThreadStatic]
    private static CandidateTable? t_spare;

    private CandidateTable? _candidates;

    public CandidatePool()
    {
        _candidates = t_spare ?? new CandidateTable(1024);
        t_spare = null;
        _candidates.Reset();
    }

    public void Add(int track, int artist, double contribution, ReasonKind reason, int anchor)
    {
        if (!(contribution > 0)) return;
        ref var c = ref Candidates.GetOrAdd(track, out var exists);
        if (!exists)
        {
            c = new Candidate(track, artist, contribution, contribution, reason, anchor);
            return;
        }

        var best = contribution > c.Best;
        c = c with
        {
            Artist = c.Artist >= 0 ? c.Artist : artist,
            Score = c.Score + contribution,
            Best = best ? contribution : c.Best,
            Reason = best ? reason : c.Reason,
            Anchor = best ? anchor : c.Anchor,
        };
    }

    /// <summary>Multiplies a candidate's score (e.g. to damp a track already played in the session); its reason is kept.</summary>
    public void Scale(int track, double factor)
    {
        ref var c = ref Candidates.Find(track);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref c)) c = c with { Score = c.Score * factor };
    }

    /// <summary>
    /// Every candidate, best score first (ties by track id). Ends the pool's use: enumerate it once. Lazy: a binary heap
    /// is built in O(n) and each item taken costs O(log n), so a caller that stops after its top k (a recommendation
    /// asks for 20 of a few hundred candidates) does not pay for ordering the rest; the order is the same total order as
    /// a full sort.
    /// </summary>
    public IEnumerable<Candidate> Ranked()
    {
        var candidates = Candidates;
        _candidates = null;
        var count = candidates.Count;
        var heap = ArrayPool<Candidate>.Shared.Rent(Math.Max(1, count));
        try
        {
            candidates.Entries.CopyTo(heap);
            if (candidates.Capacity <= MaxReusedCapacity) t_spare = candidates;
            for (var i = count / 2 - 1; i >= 0; i--) SiftDown(heap, i, count);
            for (var n = count; n > 0; n--)
            {
                yield return heap[0];
                heap[0] = heap[n - 1];
                SiftDown(heap, 0, n - 1);
            }
        }
        finally
        {
            ArrayPool<Candidate>.Shared.Return(heap);
        }
    }

    private CandidateTable Candidates => _candidates ?? throw new InvalidOperationException("The pool was already ranked.");

    /// <summary>Ranking order: the higher score first, then the lower track id (a total order: track ids are unique).</summary>
    private static bool Before(in Candidate a, in Candidate b) => a.Score != b.Score ? a.Score > b.Score : a.Track < b.Track;

    private static void SiftDown(Candidate[] heap, int i, int n)
    {
        var item = heap[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && Before(heap[child + 1], heap[child])) child++;
            if (!Before(heap[child], item)) break;
            heap[i] = heap[child];
            i = child;
        }

        heap[i] = item;
    }

    internal readonly record struct Candidate(int Track, int Artist, double Score, double Best, ReasonKind Reason, int Anchor);
}
