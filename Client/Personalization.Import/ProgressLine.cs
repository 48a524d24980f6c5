using System.Diagnostics;
using System.Globalization;

namespace Personalization.Import;

/// <summary>A plain progress line (rows done, events/s of this run, ETA), written at most every <c>every</c>.</summary>
public sealed class ProgressLine(TextWriter output, TimeSpan every)
{
    private long _lastWritten = long.MinValue;
    private (string File, int Done) _last;

    public void Report(string file, int done, int total, int sentThisRun, TimeSpan elapsed)
    {
        var now = Stopwatch.GetTimestamp();
        if (_lastWritten != long.MinValue && Stopwatch.GetElapsedTime(_lastWritten, now) < every) return;
        _lastWritten = now;
        Write(file, done, total, sentThisRun, elapsed);
    }

    /// <summary>The file's last line, unless the latest line already said it.</summary>
    public void Finish(string file, int done, int total, int sentThisRun, TimeSpan elapsed)
    {
        if (_last != (file, done)) Write(file, done, total, sentThisRun, elapsed);
    }

    private void Write(string file, int done, int total, int sentThisRun, TimeSpan elapsed)
    {
        _last = (file, done);
        var rate = elapsed.TotalSeconds > 0 ? sentThisRun / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds(Math.Ceiling((total - done) / rate)) : TimeSpan.Zero;
        var share = total > 0 ? 100.0 * done / total : 100;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(file)}: {done:N0}/{total:N0} rows ({share:F1} %), {rate:N0} events/s, ETA {eta:hh\\:mm\\:ss}"));
    }
}
