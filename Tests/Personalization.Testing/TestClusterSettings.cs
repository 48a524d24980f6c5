namespace Personalization.Testing;

/// <summary>How the kit's cluster is built: silo count and configuration overrides (same keys as appsettings).</summary>
public sealed class TestClusterSettings
{
    public short Silos { get; set; } = 2;

    /// <summary>Configuration overrides, e.g. <c>["Personalization:Engine:SessionGap"] = "00:10:00"</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set by <see cref="UseAzureStorage"/>: the cluster then keeps snapshots and the journal in Azure Table Storage.</summary>
    public string? AzureConnectionString { get; private set; }

    /// <summary>
    /// Runs the same fixture against Azure Table Storage (e.g. Azurite) with the production providers: snapshots in
    /// grain storage, the group-committed event journal. Tables get a unique name so fixtures never share data.
    /// </summary>
    public TestClusterSettings UseAzureStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AzureConnectionString = connectionString;
        Configuration["Personalization:Silo:Storage"] = "AzureTable";
        Configuration["Personalization:Silo:AzureConnectionString"] = connectionString;
        Configuration["Personalization:Journal:TableName"] = $"Journal{Guid.NewGuid():N}"[..30];
        Configuration["Personalization:Silo:SnapshotTable"] = $"Snapshots{Guid.NewGuid():N}"[..30];
        Configuration["Personalization:Model:Checkpoint:Table"] = $"Model{Guid.NewGuid():N}"[..30];
        return this;
    }
}
