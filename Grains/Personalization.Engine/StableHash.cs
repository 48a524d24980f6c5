namespace Personalization.Engine;

/// <summary>FNV-1a 64-bit over UTF-16 code units: stable across processes and versions (unlike string.GetHashCode).</summary>
public static class StableHash
{
    public static ulong Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
