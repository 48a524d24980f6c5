using System.Buffers;
using System.Runtime.InteropServices;

namespace Personalization.Engine;

/// <summary>
/// Accumulates per-source contributions per candidate track and remembers the strongest one as its reason.
/// A recommendation is synchronous and hot: the dictionary is reused per thread and the ranking array is pooled, so a
/// request allocates almost nothing for its few hundred candidates.
/// </summary>
internal sealed class CandidatePool
{
    /// <summary>A dictionary that grew beyond this many slots is not kept for reuse.</summary>
    private const int MaxReusedCapacity = 4096;

    [ThreadStatic]
    private static Dictionary<int, Candidate>? t_spare;

    private Dictionary<int, Candidate>? _candidates;

    public CandidatePool()
    {
        _candidates = t_spare ?? new Dictionary<int, Candidate>(256);
        t_spare = null;
    }

    public void Add(int track, int artist, double contribution, ReasonKind reason, int anchor)
    {
        if (!(contribution > 0)) return;
        ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(Candidates, track, out var exists);
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
        ref var c = ref CollectionsMarshal.GetValueRefOrNullRef(Candidates, track);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref c)) c = c with { Score = c.Score * factor };
    }

    /// <summary>Every candidate, best score first (ties by track id). Ends the pool's use: enumerate it once.</summary>
    public IEnumerable<Candidate> Ranked()
    {
        var candidates = Candidates;
        _candidates = null;
        var count = candidates.Count;
        var all = ArrayPool<Candidate>.Shared.Rent(Math.Max(1, count));
        try
        {
            candidates.Values.CopyTo(all, 0);
            candidates.Clear();
            if (candidates.EnsureCapacity(0) <= MaxReusedCapacity) t_spare = candidates;
            Array.Sort(all, 0, count, CandidateOrder.Instance);
            for (var i = 0; i < count; i++) yield return all[i];
        }
        finally
        {
            ArrayPool<Candidate>.Shared.Return(all);
        }
    }

    private Dictionary<int, Candidate> Candidates => _candidates ?? throw new InvalidOperationException("The pool was already ranked.");

    internal readonly record struct Candidate(int Track, int Artist, double Score, double Best, ReasonKind Reason, int Anchor);

    private sealed class CandidateOrder : IComparer<Candidate>
    {
        public static readonly CandidateOrder Instance = new();

        public int Compare(Candidate a, Candidate b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Track.CompareTo(b.Track);
    }
}
