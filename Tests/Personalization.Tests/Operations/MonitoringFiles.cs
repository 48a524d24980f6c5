using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Personalization.Tests.Operations;

/// <summary>The checked-in monitoring: the Prometheus rule file, the Grafana dashboard and OPERATIONS.md's runbook anchors.</summary>
internal static partial class MonitoringFiles
{
    public static string RulesPath => Path.Combine(Manifests.Root, "ops", "prometheus", "personalization.rules.yml");

    public static string DashboardPath => Path.Combine(Manifests.Root, "ops", "grafana", "personalization.json");

    /// <summary>Every rule of the rule file: its record or alert name, its expression, and the alert's runbook annotation.</summary>
    public static IReadOnlyList<(string? Record, string? Alert, string Expr, string? Runbook)> Rules()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RulesPath)) yaml.Load(reader);
        var rules = new List<(string?, string?, string, string?)>();
        foreach (var group in ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                string? Text(YamlMappingNode node, string key) => node.Children.TryGetValue(key, out var v) ? ((YamlScalarNode)v).Value : null;
                var annotations = rule.Children.TryGetValue("annotations", out var a) ? (YamlMappingNode)a : null;
                rules.Add((Text(rule, "record"), Text(rule, "alert"), Text(rule, "expr")!, annotations is null ? null : Text(annotations, "runbook")));
            }
        }

        return rules;
    }

    /// <summary>Every query of every panel (rows' nested panels included).</summary>
    public static IReadOnlyList<(string Panel, string Expr)> DashboardQueries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var queries = new List<(string, string)>();
        void Visit(JsonElement panels)
        {
            foreach (var panel in panels.EnumerateArray())
            {
                if (panel.TryGetProperty("panels", out var nested)) Visit(nested);
                if (!panel.TryGetProperty("targets", out var targets)) continue;
                foreach (var target in targets.EnumerateArray()) queries.Add((panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
            }
        }

        Visit(document.RootElement.GetProperty("panels"));
        return queries;
    }

    /// <summary>GitHub's anchors of OPERATIONS.md's headings (lower case, punctuation dropped, spaces as hyphens).</summary>
    public static IReadOnlySet<string> OperationsAnchors() =>
        File.ReadLines(Path.Combine(Manifests.Root, "OPERATIONS.md"))
            .Where(line => line.StartsWith('#'))
            .Select(line => NotAnchorCharacter().Replace(line.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex NotAnchorCharacter();
}
