using System.Diagnostics;

namespace Personalization.Bench.Reporting;

/// <summary>A one-line progress bar on stderr, redrawn at most every 200 ms.</summary>
public sealed class ProgressBar(string label, TextWriter output) : IProgress<double>
{
    private const int Width = 40;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;

    public void Report(double value)
    {
        var done = value >= 1;
        if (!done && _clock.ElapsedMilliseconds - _lastDrawMs < 200) return;
        _lastDrawMs = _clock.ElapsedMilliseconds;
        var filled = (int)Math.Round(Math.Clamp(value, 0, 1) * Width);
        output.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {value,6:P1} {_clock.Elapsed.TotalSeconds,6:F1}s");
        if (done) output.WriteLine();
    }
}
