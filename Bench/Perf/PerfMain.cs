namespace Personalization.Bench.Perf;

/// <summary>Entry of <c>Bench -- perf</c>: parses the options, runs, reports; exit code 2 on bad options.</summary>
public static class PerfMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        PerfArguments options;
        try
        {
            options = PerfArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}\n{PerfArguments.Usage}");
            return 2;
        }

        await PerfCommand.RunAsync(options, Console.Out, Console.Error);
        return 0;
    }
}
