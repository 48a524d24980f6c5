namespace Personalization.Engine.Model;

/// <summary>
/// Event-time decayed play counts with a maintained top-N. Scores are kept relative to a reference time and renormalized
/// now and then (dropping negligible tracks), so no decay pass over all tracks is needed per event.
/// Untouched tracks all decay by the same factor, so the top-N only needs merging with the tracks touched in a batch.
/// </summary>
public sealed class TrendingCounter
{
    private const double RenormalizeAboveExponent = 40;
    private const double DropBelowScore = 1e-3;
    private readonly Dictionary<int, double> _scores = [];
    private readonly double _halfLifeMs;
    private readonly int _size;
    private long _referenceMs = long.MinValue;
    private ScoredId[] _top = [];
    private bool _lowered;

    public TrendingCounter(int size, TimeSpan halfLife)
    {
        _size = size;
        _halfLifeMs = halfLife.TotalMilliseconds;
    }

    public int TrackedCount => _scores.Count;

    /// <summary>The list <see cref="Publish"/> returned last (empty before the first).</summary>
    public ScoredId[] Top => _top;

    /// <summary>The time the stored scores are relative to (long.MinValue before the first observation).</summary>
    public long ReferenceMs => _referenceMs;

    /// <summary>Raised when every score was rescaled (a checkpoint must then rewrite every score).</summary>
    public event Action? Renormalized;

    /// <summary>The stored score of <paramref name="track"/>, relative to <see cref="ReferenceMs"/> (0 when not tracked).</summary>
    public double ScoreOf(int track) => _scores.GetValueOrDefault(track);

    /// <summary>
    /// Puts back a score a checkpoint stored relative to <paramref name="referenceMs"/>; converted to this counter's
    /// reference (the first restored reference becomes it). Call <see cref="Publish"/> with the restored tracks afterwards.
    /// </summary>
    public void Restore(int track, double score, long referenceMs)
    {
        if (score <= 0 || referenceMs == long.MinValue) return;
        if (_referenceMs == long.MinValue) _referenceMs = referenceMs;
        var value = score * Math.Pow(2, (referenceMs - _referenceMs) / _halfLifeMs);
        if (double.IsFinite(value) && value > 0) _scores[track] = value;
    }

    public void Add(int track, long timeMs, double weight)
    {
        if (_referenceMs == long.MinValue) _referenceMs = timeMs;
        var exponent = (timeMs - _referenceMs) / _halfLifeMs;
        if (exponent > RenormalizeAboveExponent)
        {
            Renormalize(timeMs);
            exponent = 0;
        }

        if (weight < 0) _lowered = true; // a track fell: one outside the top may now belong in it
        _scores.TryGetValue(track, out var score);
        _scores[track] = Math.Max(0, score + weight * Math.Pow(2, exponent));
    }

    /// <summary>Forgets <paramref name="track"/>; publish it among the touched tracks so it leaves the top list too.</summary>
    public void Remove(int track) => _scores.Remove(track);

    /// <summary>
    /// Merges the touched tracks into the top-N (or re-ranks every track after credit was taken back);
    /// returns the new list (normalized so the first weighs 1).
    /// </summary>
    public ScoredId[] Publish(IEnumerable<int> touched)
    {
        var merged = new Dictionary<int, double>();
        foreach (var s in _top) merged[s.Id] = _scores.GetValueOrDefault(s.Id);
        foreach (var t in touched) merged[t] = _scores.GetValueOrDefault(t);
        if (_lowered)
        {
            foreach (var (track, score) in _scores) merged[track] = score;
            _lowered = false;
        }

        var ordered = merged.Where(p => p.Value > 0)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Take(_size).ToArray();
        var max = ordered.Length > 0 ? ordered[0].Value : 1;
        _top = [.. ordered.Select(p => new ScoredId(p.Key, (float)(p.Value / max)))];
        return _top;
    }

    private void Renormalize(long nowMs)
    {
        var factor = Math.Pow(2, -(nowMs - _referenceMs) / _halfLifeMs);
        foreach (var key in _scores.Keys.ToArray())
        {
            var value = _scores[key] * factor;
            if (value < DropBelowScore) _scores.Remove(key);
            else _scores[key] = value;
        }

        _referenceMs = nowMs;
        Renormalized?.Invoke();
    }
}
