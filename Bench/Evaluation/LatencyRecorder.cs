using System.Diagnostics;

namespace Personalization.Bench.Evaluation;

/// <summary>Wall-clock durations of calls, reported as percentiles in milliseconds.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _samplesMs = [];

    public int Count => _samplesMs.Count;

    public void Add(long startTimestamp, long endTimestamp) =>
        _samplesMs.Add((endTimestamp - startTimestamp) * 1000.0 / Stopwatch.Frequency);

    public void MergeFrom(LatencyRecorder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _samplesMs.AddRange(other._samplesMs);
    }

    /// <summary>Nearest-rank percentile (0 &lt; p ≤ 100), 0 when nothing was measured.</summary>
    public double Percentile(double p)
    {
        if (_samplesMs.Count == 0) return 0;
        var sorted = _samplesMs.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
