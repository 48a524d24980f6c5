using System.Diagnostics;
using System.Text.RegularExpressions;
using Personalization.Tests.Support;

namespace Personalization.Tests.Operations;

/// <summary>
/// The README's quick start, as a newcomer runs it: README command 1 (<c>dotnet run --project Silo</c>, the embedded
/// default with the demo world on 127.0.0.1:5080), then the "Try it" block and the Rewards example exactly as the
/// README prints them (taken from README.md, run with bash from the repository root), checked against what the README
/// says they show; then Ctrl+C (SIGINT) stops the silo without an error.
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "Processes")]
public sealed partial class ReadmeExamplesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_quick_start_and_the_rewards_example_show_what_the_readme_says()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Manifests.Root, "README.md"));
        var tryIt = BashBlockAfter(readme, "## Try it");
        var rewards = BashBlockAfter(readme, "## Rewards: what happened to what we served");
        var log = Path.Combine(Path.GetTempPath(), $"pzn-readme-silo-{Guid.NewGuid():N}.log");
        using var silo = Start($"exec setsid dotnet run --project Silo > \"{log}\" 2>&1");
        try
        {
            await WaitForAsync(() => File.Exists(log) && SharedLogFile.Read(log).Contains("Demo loaded", StringComparison.Ordinal), log);

            var shown = await RunAsync(tryIt);
            Assert.Contains("\"items\":[{", shown, StringComparison.Ordinal);                            // u0001's next tracks
            Assert.Contains("{\"applied\":1,\"duplicates\":0,\"sequence\":1}", shown, StringComparison.Ordinal); // newbie's first event
            Assert.Contains("\"reason\":\"after t0001\"", shown, StringComparison.Ordinal);              // what others played next
            Assert.Contains("playing in this session", shown, StringComparison.Ordinal);                 // more by a000
            Assert.Contains("\"applied\":2", shown, StringComparison.Ordinal);                           // the batch
            Assert.Matches("\"status\":400,\"errors\":\\{\"event.kind\"", shown);                        // the field is named
            Assert.Contains("\"journalTail\"", shown, StringComparison.Ordinal);                         // the export
            Assert.Equal(["204", "401", "403"], StatusCodes().Matches(shown).Select(m => m.Groups[1].Value));      // forget, no token, someone else's

            var rewarded = await RunAsync("TOKEN=$(dotnet run --project Client/Personalization.Gateway -- token --sub dev --role admin)\n" + rewards);
            Assert.Contains("\"completed\":1", rewarded, StringComparison.Ordinal);
            Assert.Contains("\"reward\":1", rewarded, StringComparison.Ordinal);
        }
        finally
        {
            Signal(silo, "INT"); // Ctrl+C
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await silo.WaitForExitAsync(exit.Token);
        }

        var lines = SharedLogFile.Read(log).Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
    }

    /// <summary>The first ```bash block after <paramref name="heading"/>.</summary>
    private static string BashBlockAfter(string readme, string heading)
    {
        var at = readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{heading}'");
        var start = readme.IndexOf("```bash\n", at, StringComparison.Ordinal) + "```bash\n".Length;
        return readme[start..readme.IndexOf("```\n", start, StringComparison.Ordinal)];
    }

    private static Process Start(string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Manifests.Root, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return Process.Start(start)!;
    }

    private static async Task<string> RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Manifests.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"the README block failed ({process.ExitCode}):\n{await errors}");
        return await output;
    }

    private static void Signal(Process process, string signal)
    {
        if (process.HasExited) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, "--", "-" + process.Id]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static async Task WaitForAsync(Func<bool> condition, string log)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (deadline.IsCancellationRequested) Assert.Fail($"the silo did not load its demo in time:\n{(File.Exists(log) ? SharedLogFile.Read(log) : "(no log)")}");
            await Task.Delay(200, CancellationToken.None); // another process starts: poll its log
        }
    }

    /// <summary>What <c>-w '%{http_code}\n'</c> prints (the JSON bodies carry no newline).</summary>
    [GeneratedRegex(@"(?<!\d)(\d{3})\n")]
    private static partial Regex StatusCodes();
}
