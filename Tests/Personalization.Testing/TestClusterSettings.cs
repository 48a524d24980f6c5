namespace Personalization.Testing;

/// <summary>How the kit's cluster is built: silo count and configuration overrides (same keys as appsettings).</summary>
public sealed class TestClusterSettings
{
    public short Silos { get; set; } = 2;

    /// <summary>Configuration overrides, e.g. <c>["Personalization:Engine:SessionGap"] = "00:10:00"</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);
}
