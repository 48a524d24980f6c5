using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry;

namespace Personalization.Client.Operations;

/// <summary>
/// Removes user ids from a span before it is exported: the request path becomes its route template
/// (<c>/v1/users/{userId}/events</c>), query strings are dropped, table keys in storage URLs are masked, and grain keys
/// in Orleans' id tags (<c>user/u0001</c>) become a keyed hash (<c>user/#3f9a…</c>); integer keys (journal
/// partitions, model shards) stay readable.
/// </summary>
public sealed class TraceRedaction(byte[] key) : BaseProcessor<Activity>
{
    private static readonly HashSet<string> GrainIdTags = new(StringComparer.Ordinal)
    {
        "orleans.rpc.target_id", "orleans.rpc.source_id", "orleans.grain.id", "orleans.durable_job.target_grain_id",
    };

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<(string Key, object? Value)>? changes = null;
        foreach (var (name, value) in data.TagObjects)
        {
            object? replaced = name switch
            {
                "url.path" => data.GetTagItem("http.route") as string ?? "",
                "url.query" => null,
                "url.full" when value is string url => WithoutKeys(url),
                _ when GrainIdTags.Contains(name) && value is string id => HashedGrainId(id),
                _ => value,
            };
            if (!Equals(replaced, value)) (changes ??= []).Add((name, replaced));
        }

        if (changes is null) return;
        foreach (var (name, value) in changes) data.SetTag(name, value);
    }

    /// <summary>Scheme, host and path, with every parenthesised key (<c>Table(PartitionKey='…',RowKey='…')</c>) masked; no query.</summary>
    public static string WithoutKeys(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        var text = new StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '(' && depth++ == 0) text.Append("(*");
            else if (c == ')' && depth > 0 && --depth == 0) text.Append(')');
            else if (depth == 0) text.Append(c);
        }

        return text.ToString();
    }

    /// <summary><c>type/key</c> with a non-integer key → <c>type/#</c> + the first 16 hex digits of HMAC-SHA256(key).</summary>
    public string HashedGrainId(string grainId)
    {
        ArgumentNullException.ThrowIfNull(grainId);
        var slash = grainId.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || slash == grainId.Length - 1) return grainId;
        var grainKey = grainId[(slash + 1)..];
        if (long.TryParse(grainKey, out _) || grainKey.StartsWith('#')) return grainId;
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(grainKey));
        return string.Concat(grainId.AsSpan(0, slash + 1), "#", Convert.ToHexStringLower(hash.AsSpan(0, 8)));
    }
}
