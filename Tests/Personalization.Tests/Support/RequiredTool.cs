namespace Personalization.Tests.Support;

/// <summary>
/// A command-line tool a test needs (kubectl, promtool). Missing, the test is reported as skipped (use it in a
/// <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>), never as passed; where CI sets the tool's variable to 1 a
/// missing tool fails the test instead.
/// </summary>
internal static class RequiredTool
{
    public static string Path(string? found, string name, string requiredVariable, string install)
    {
        if (found is not null) return found;
        Assert.False(Environment.GetEnvironmentVariable(requiredVariable) == "1", $"{name} is required here ({requiredVariable}=1) but is not on PATH.");
        throw new SkipException($"{name} is not on PATH ({install}).");
    }

    /// <summary>The first <paramref name="name"/> on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(d => System.IO.Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
