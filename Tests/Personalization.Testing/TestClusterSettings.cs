namespace Personalization.Testing;

/// <summary>How the kit's cluster is built: silo count and configuration overrides (same keys as appsettings).</summary>
public sealed class TestClusterSettings
{
    public short Silos { get; set; } = 2;

    /// <summary>
    /// Whether every silo is a client gateway (default, and grains spread over silos). Turn it off in fault tests: the
    /// test client then talks through the primary only, so stopping or killing another silo never breaks the test's
    /// own connection (grains activated through it then start on the primary).
    /// </summary>
    public bool GatewayPerSilo { get; set; } = true;

    /// <summary>Configuration overrides, e.g. <c>["Personalization:Engine:SessionGap"] = "00:10:00"</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);
}
