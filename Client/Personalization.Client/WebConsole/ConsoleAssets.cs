using System.Reflection;
using System.Security.Cryptography;

namespace Personalization.Client.WebConsole;

/// <summary>
/// The console's static files, embedded in this assembly (<c>WebConsole/wwwroot</c>, resource names <c>console/{file}</c>)
/// and read once: a file name to its bytes, content type and ETag. Nothing is fetched from anywhere else.
/// </summary>
public sealed class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, Asset> _files;

    private ConsoleAssets(Dictionary<string, Asset> files) => _files = files;

    /// <summary>The console's files, from the embedded resources of this assembly.</summary>
    public static ConsoleAssets Embedded { get; } = Load(typeof(ConsoleAssets).Assembly);

    public IReadOnlyCollection<string> Names => _files.Keys;

    public bool TryGet(string name, out Asset asset) => _files.TryGetValue(name, out asset!);

    private static ConsoleAssets Load(Assembly assembly)
    {
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            files[name] = new Asset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        }

        return new ConsoleAssets(files);
    }

    /// <summary>One file: its content, content type and strong ETag (a hash of the content).</summary>
    public sealed record Asset(byte[] Content, string ContentType, string ETag);
}
