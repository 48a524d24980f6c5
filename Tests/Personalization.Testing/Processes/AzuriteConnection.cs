using System.Globalization;

namespace Personalization.Testing.Processes;

/// <summary>Azurite connection strings: the well-known development account, on any loopback port.</summary>
public static class AzuriteConnection
{
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ForPort(int port) => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccount};AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{port}/{DevelopmentAccount};");

    /// <summary>The table endpoint's host and port (UseDevelopmentStorage=true means 127.0.0.1:10002).</summary>
    public static (string Host, int Port) TableEndpointOf(string connectionString)
    {
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key.Equals("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase) && value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return ("127.0.0.1", 10002);
            }

            if (key.Equals("TableEndpoint", StringComparison.OrdinalIgnoreCase))
            {
                var uri = new Uri(value);
                return (uri.Host, uri.Port);
            }
        }

        throw new InvalidOperationException("The connection string names no TableEndpoint (expected Azurite's).");
    }
}
