using System.Globalization;

namespace Personalization.Bench.Perf;

/// <summary>
/// CPU time a process has used (user + system, from <c>/proc/PID/stat</c>, in clock ticks of 10 ms). CPU time per
/// operation hardly depends on what else runs on a shared machine, where throughput does.
/// </summary>
public static class ProcessCpu
{
    private const double TickSeconds = 0.01; // USER_HZ is 100 on Linux

    /// <summary>Seconds of CPU the process has used so far; null where /proc is not available.</summary>
    public static double? Seconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path)) return null;
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": field 3 (state) is index 0
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture); // field 14 utime
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture); // field 15 stime
        return (user + system) * TickSeconds;
    }
}
