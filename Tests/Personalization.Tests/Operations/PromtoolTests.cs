using System.Diagnostics;
using Personalization.Tests.Support;

namespace Personalization.Tests.Operations;

/// <summary>
/// Prometheus' own checker on the rule file: it parses (every expression valid PromQL) and its unit tests pass (the
/// alerts fire on the series /metrics exposes, and only then). Needs Debian's <c>prometheus</c> package (promtool);
/// CI installs it and sets <c>PERSONALIZATION_REQUIRE_PROMTOOL=1</c>, so it never skips there.
/// </summary>
[Trait("Category", "Operations")]
[Trait("Requires", "Processes")]
public sealed class PromtoolTests
{
    [SkippableTheory]
    [InlineData("check", "rules", "personalization.rules.yml")]
    [InlineData("test", "rules", "personalization.rules.test.yml")]
    public async Task Promtool_accepts_the_rule_file(string command, string what, string file)
    {
        var promtool = RequiredTool.Path(RequiredTool.OnPath("promtool"), "promtool", "PERSONALIZATION_REQUIRE_PROMTOOL", "apt-get install prometheus");

        var start = new ProcessStartInfo(promtool, [command, what, file])
        {
            WorkingDirectory = Path.GetDirectoryName(MonitoringFiles.RulesPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + "\n" + await stderr;
        Assert.True(process.ExitCode == 0, $"promtool {command} {what} {file} failed:\n{text}");
        Assert.Contains("SUCCESS", text, StringComparison.Ordinal);
    }
}
