using System.Diagnostics;

namespace Personalization.Tests.Operations;

/// <summary>One trace's spans as a tree (by parent span id): find spans, walk ancestors, check user ids stay out.</summary>
internal sealed class SpanTree(IReadOnlyList<Activity> spans)
{
    private readonly Dictionary<ActivitySpanId, Activity> _byId = spans.ToDictionary(s => s.SpanId);

    public IReadOnlyList<Activity> Spans => spans;

    /// <summary>The one span of <paramref name="source"/> and <paramref name="kind"/> whose name ends with <paramref name="name"/>.</summary>
    public Activity Single(string source, string name, ActivityKind kind)
    {
        var found = spans.Where(s => s.Source.Name == source && s.Kind == kind && s.DisplayName.EndsWith(name, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"{found.Count} spans '{name}' ({source}, {kind}) in: {Describe()}");
        return found[0];
    }

    public string Describe() => string.Join("; ", spans.Select(s => $"{s.Source.Name}:{s.Kind}:{s.DisplayName}"));

    public IEnumerable<Activity> Ancestors(Activity span)
    {
        for (var at = span; _byId.TryGetValue(at.ParentSpanId, out var parent); at = parent) yield return parent;
    }

    /// <summary>Each span of <paramref name="path"/> is a descendant of the one before it (the first is the outermost).</summary>
    public void ShouldNest(params Activity[] path)
    {
        for (var i = 1; i < path.Length; i++)
        {
            Assert.True(Ancestors(path[i]).Contains(path[i - 1]),
                $"'{path[i].DisplayName}' ({path[i].Source.Name}) is not inside '{path[i - 1].DisplayName}' ({path[i - 1].Source.Name}); " +
                $"its ancestors: {string.Join(" < ", Ancestors(path[i]).Select(a => a.DisplayName))}");
        }
    }

    /// <summary>No span name, tag value or event tag value mentions <paramref name="userId"/>.</summary>
    public void ShouldNotMention(string userId)
    {
        foreach (var span in spans)
        {
            Assert.DoesNotContain(userId, span.DisplayName, StringComparison.Ordinal);
            foreach (var (key, value) in span.TagObjects)
            {
                Assert.False(value?.ToString()?.Contains(userId, StringComparison.Ordinal) ?? false, $"span '{span.DisplayName}' tag {key} = {value}");
            }
        }
    }
}
