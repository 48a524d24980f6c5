namespace Personalization.Engine;

/// <summary>Accumulates per-source contributions per candidate track and remembers the strongest one as its reason.</summary>
internal sealed class CandidatePool
{
    private readonly Dictionary<int, Candidate> _candidates = [];

    public void Add(int track, int artist, double contribution, ReasonKind reason, int anchor)
    {
        if (!(contribution > 0)) return;
        if (!_candidates.TryGetValue(track, out var c))
        {
            _candidates[track] = new Candidate(track, artist, contribution, contribution, reason, anchor);
            return;
        }

        var best = contribution > c.Best;
        _candidates[track] = c with
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
        if (_candidates.TryGetValue(track, out var c)) _candidates[track] = c with { Score = c.Score * factor };
    }

    public IEnumerable<Candidate> Ranked()
    {
        var all = _candidates.Values.ToArray();
        Array.Sort(all, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Track.CompareTo(b.Track));
        return all;
    }

    internal readonly record struct Candidate(int Track, int Artist, double Score, double Best, ReasonKind Reason, int Anchor);
}
