using System.Globalization;
using System.Text;

namespace Personalization.Bench.Perf;

/// <summary>An SVG of p99 latency against throughput: one line per scenario through its concurrency sweep.</summary>
public static class LatencyPlot
{
    private const int Width = 720;
    private const int Height = 420;
    private const int Left = 70;
    private const int Right = 160;
    private const int Top = 20;
    private const int Bottom = 50;
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];

    public static string Render(IReadOnlyList<LoadResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var maxX = Nice(runs.Count == 0 ? 1 : runs.Max(r => r.Throughput));
        var maxY = Nice(runs.Count == 0 ? 1 : runs.Max(r => r.P99Ms));
        double X(double v) => Left + v / maxX * (Width - Left - Right);
        double Y(double v) => Height - Bottom - v / maxY * (Height - Top - Bottom);
        var b = new StringBuilder();
        b.AppendLine(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        b.AppendLine(I($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        for (var i = 0; i <= 5; i++)
        {
            var xv = maxX * i / 5;
            var yv = maxY * i / 5;
            b.AppendLine(I($"<line x1=\"{X(xv):F1}\" y1=\"{Top}\" x2=\"{X(xv):F1}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>"));
            b.AppendLine(I($"<line x1=\"{Left}\" y1=\"{Y(yv):F1}\" x2=\"{Width - Right}\" y2=\"{Y(yv):F1}\" stroke=\"#eee\"/>"));
            b.AppendLine(I($"<text x=\"{X(xv):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{xv:N0}</text>"));
            b.AppendLine(I($"<text x=\"{Left - 6}\" y=\"{Y(yv) + 4:F1}\" text-anchor=\"end\">{yv:0.##}</text>"));
        }

        b.AppendLine(I($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">throughput (operations/s)</text>"));
        b.AppendLine(I($"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2})\">p99 latency (ms)</text>"));
        var color = 0;
        foreach (var group in runs.GroupBy(r => r.Scenario))
        {
            var c = Colors[color++ % Colors.Length];
            var points = group.OrderBy(r => r.Concurrency).ToList();
            b.AppendLine($"<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => I($"{X(p.Throughput):F1},{Y(p.P99Ms):F1}")))}\"/>");
            foreach (var p in points)
            {
                b.AppendLine(I($"<circle cx=\"{X(p.Throughput):F1}\" cy=\"{Y(p.P99Ms):F1}\" r=\"3.5\" fill=\"{c}\"><title>{p.Scenario} x{p.Concurrency}: {p.Throughput:N0}/s, p99 {p.P99Ms:F2} ms</title></circle>"));
                b.AppendLine(I($"<text x=\"{X(p.Throughput) + 5:F1}\" y=\"{Y(p.P99Ms) - 5:F1}\" font-size=\"10\" fill=\"{c}\">x{p.Concurrency}</text>"));
            }

            var legendY = Top + 18 * color;
            b.AppendLine(I($"<rect x=\"{Width - Right + 15}\" y=\"{legendY - 9}\" width=\"12\" height=\"12\" fill=\"{c}\"/>"));
            b.AppendLine($"<text x=\"{Width - Right + 33}\" y=\"{legendY + 1}\">{group.Key}</text>");
        }

        b.AppendLine("</svg>");
        return b.ToString();
    }

    /// <summary>A round axis maximum at or above <paramref name="value"/> (1, 2 or 5 times a power of ten).</summary>
    private static double Nice(double value)
    {
        if (!(value > 0)) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
        {
            if (step * power >= value) return step * power;
        }

        return 10 * power;
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
