using System.Diagnostics;
using Personalization.Abstractions;

namespace Personalization.Journal;

/// <summary>
/// The silo's own spans (source <see cref="ActivitySourceNames.Personalization"/>): the journal commit a user grain
/// waits for, the group commits that carry it, and the storage insert. Without a listener every start returns null.
/// </summary>
public static class JournalTracing
{
    public const string JournalCommit = "journal.commit";
    public const string JournalSend = "journal.send";
    public const string SegmentCommit = "journal.segment.commit";
    public const string StorageInsert = "storage.insert";

    public static ActivitySource Source { get; } = new(ActivitySourceNames.Personalization);

    /// <summary>What a queued piece of work remembers of the trace it came from (default: none).</summary>
    public static ActivityContext CurrentContext => Activity.Current?.Context ?? default;

    /// <summary>
    /// A span for a group commit that carries several callers' work: its parent is the first caller's span, so a
    /// lone request's tree stays whole, and the others are links. Null when nothing listens or no caller was traced.
    /// </summary>
    public static Activity? StartBatch(string name, IEnumerable<ActivityContext> callers, int items)
    {
        if (!Source.HasListeners()) return null;
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (var caller in callers)
        {
            if (caller == default) continue;
            if (parent == default) parent = caller;
            else (links ??= []).Add(new ActivityLink(caller));
        }

        if (parent == default) return null; // untraced callers: no orphan root span per batch
        var span = Source.StartActivity(name, ActivityKind.Internal, parent, links: links);
        span?.SetTag("batch.items", items);
        return span;
    }
}
