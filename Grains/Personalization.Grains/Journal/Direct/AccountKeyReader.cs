namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// The account key of an Azure Storage connection string: <c>AccountKey=...</c>, or Azurite's well-known development
/// key for <c>UseDevelopmentStorage=true</c>. Connection strings without a key (shared access signatures) have none,
/// and then only the Azure SDK transport can be used.
/// </summary>
public static class AccountKeyReader
{
    /// <summary>The published key of Azurite's development account <c>devstoreaccount1</c> (not a secret).</summary>
    public const string DevelopmentStorageKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static bool TryRead(string? connectionString, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(connectionString)) return false;
        string? text = null;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (name.Equals("AccountKey", StringComparison.OrdinalIgnoreCase)) text = value;
            else if (name.Equals("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase) && value.Equals("true", StringComparison.OrdinalIgnoreCase)) text ??= DevelopmentStorageKey;
        }

        if (string.IsNullOrEmpty(text)) return false;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length > 0;
    }
}
