using System.Globalization;

namespace Personalization.Bench.Perf;

/// <summary>
/// Reads the silo's own Prometheus metrics (<c>/metrics</c> of its co-hosted HTTP API): the time user grains spent
/// answering recommendations, measured inside the silo — the share of the end-to-end latency that is the engine's.
/// </summary>
public static class SiloMetrics
{
    private const string Duration = "personalization_recommendation_duration_seconds";

    /// <summary>(count, mean milliseconds) of recommendations served so far, or null when the metrics are not readable.</summary>
    public static async Task<(long Count, double MeanMs)?> RecommendationsAsync(int httpPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/metrics"));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }

        double sum = 0, count = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(Duration + "_sum", StringComparison.Ordinal)) sum += Value(line);
            else if (line.StartsWith(Duration + "_count", StringComparison.Ordinal)) count += Value(line);
        }

        return count > 0 ? ((long)count, sum / count * 1000) : null;
    }

    private static double Value(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
