namespace Personalization.Bench.Reporting;

/// <summary>The <c>--json OUT</c> option every benchmark has, and writing its file (directory created, path logged).</summary>
public static class JsonOutput
{
    public static System.CommandLine.Option<string?> Option() => new("--json") { Description = "Also write the results as JSON to OUT.", HelpName = "OUT" };

    public static async Task WriteAsync(string path, string json, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, json, cancellationToken);
        await log.WriteLineAsync($"wrote {path}");
    }
}
