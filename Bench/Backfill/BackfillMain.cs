namespace Personalization.Bench.Backfill;

/// <summary>Entry of <c>Bench -- backfill [--quick] [--azure] [--json OUT]</c>: runs, prints the table, writes the JSON.</summary>
public static class BackfillMain
{
    public const string Usage = "usage: backfill [--quick] [--azure] [--json OUT]";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var json = Array.IndexOf(args, "--json") is var j and >= 0 ? (j + 1 < args.Length ? args[j + 1] : null) : string.Empty;
        var unknown = args.Where((a, i) => a is not ("--quick" or "--azure" or "--json") && !(i > 0 && args[i - 1] == "--json")).ToList();
        if (json is null || unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: {(json is null ? "--json needs a file" : $"unknown argument '{unknown[0]}'")}\n{Usage}");
            return 2;
        }

        var quick = args.Contains("--quick");
        var result = await BackfillBenchmark.RunAsync(quick ? BackfillSizes.Quick : BackfillSizes.Full, args.Contains("--azure"), Console.Error);
        Console.Write(BackfillBenchmark.Render(result));
        if (json.Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, BackfillJson.Render(result, quick));
            await Console.Error.WriteLineAsync($"wrote {json}");
        }

        return 0;
    }
}
