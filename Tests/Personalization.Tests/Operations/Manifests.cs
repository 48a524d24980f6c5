using System.Diagnostics;
using k8s;
using k8s.Models;
using Personalization.Tests.Support;

namespace Personalization.Tests.Operations;

/// <summary>The repository's Kubernetes manifests: files, kustomize rendering (kubectl), strict loading.</summary>
internal static class Manifests
{
    public static string Root { get; } = FindRoot();

    public static string K8s => Path.Combine(Root, "k8s");

    public static IEnumerable<string> Overlays => Directory.GetDirectories(Path.Combine(K8s, "overlays")).Select(Path.GetFileName)!;

    /// <summary>Every manifest file except kustomize's own kustomization.yaml (not a Kubernetes object).</summary>
    public static IEnumerable<string> Files => Directory.EnumerateFiles(K8s, "*.yaml", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) != "kustomization.yaml")
        .Order(StringComparer.Ordinal);

    public static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, strict: true);

    public static string? Kubectl { get; } = RequiredTool.OnPath("kubectl");

    /// <summary>kubectl kustomize of a directory under k8s/ (e.g. "base", "overlays/dev").</summary>
    public static string Render(string directory)
    {
        var start = new ProcessStartInfo(Kubectl ?? throw new InvalidOperationException("kubectl is not installed."), ["kustomize", Path.Combine(K8s, directory)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {error}");
        return output.Result;
    }

    /// <summary>The base as one document stream: rendered by kustomize when kubectl exists, else its files concatenated.</summary>
    public static List<object> Base() => Kubectl is null
        ? [.. Directory.EnumerateFiles(Path.Combine(K8s, "base"), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(f => Load(File.ReadAllText(f)))]
        : Load(Render("base"));

    public static IEnumerable<T> OfKind<T>(this IEnumerable<object> objects) => objects.OfType<T>();

    public static V1Deployment Deployment(this IEnumerable<object> objects, string name) =>
        objects.OfKind<V1Deployment>().Single(d => d.Metadata.Name == name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Personalization.Orleans.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Repository root (Personalization.Orleans.sln) not found.");
    }
}
