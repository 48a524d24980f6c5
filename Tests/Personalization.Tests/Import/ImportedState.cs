using System.Text;
using System.Text.Json;
using Personalization.Testing;

namespace Personalization.Tests.Import;

/// <summary>What a cluster holds about one imported log's listeners and tracks, as text to compare.</summary>
internal static class ImportedState
{
    /// <summary>
    /// Every listener's profile and export, and (with <paramref name="model"/>) every silo's model knowledge of the
    /// prefix's tracks and artists. Comparing two prefixes (<paramref name="sameIds"/> false), the cluster-wide trending
    /// list and the event ids (hashes of rows that hold the prefix, and the journal tail that lists them) are left out.
    /// </summary>
    public static async Task<string> TextAsync(PersonalizationTestCluster cluster, string prefix, int users, bool model = true, bool sameIds = false)
    {
        var text = new StringBuilder();
        foreach (var user in ImportLogs.Users(prefix, users))
        {
            var export = await cluster.User(user).ExportAsync();
            if (!sameIds) export = export with { RememberedEventIdHashes = [], JournalTail = null };
            text.AppendLine(JsonSerializer.Serialize(await cluster.User(user).GetProfileAsync()));
            text.AppendLine(JsonSerializer.Serialize(export));
        }

        if (!model) return text.ToString();
        foreach (var silo in cluster.SiloServices()) text.Append(ModelFingerprint.Of(silo, ImportLogs.Tracks(prefix), ImportLogs.Artists(prefix), trending: sameIds));
        return text.ToString();
    }
}
