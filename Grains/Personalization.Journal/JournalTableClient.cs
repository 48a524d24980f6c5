using Azure.Data.Tables;

namespace Personalization.Journal;

/// <summary>The journal's Table service client, with retries and timeouts that fit inside <see cref="JournalOptions.CommitTimeout"/>.</summary>
public static class JournalTableClient
{
    /// <summary>A client for <see cref="JournalOptions.ConnectionString"/>, or for <see cref="JournalOptions.ServiceUri"/> with DefaultAzureCredential.</summary>
    public static TableServiceClient Create(JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.ServiceUri, new Azure.Identity.DefaultAzureCredential(), ClientOptions(options))
            : new TableServiceClient(options.ConnectionString, ClientOptions(options));
    }

    private static TableClientOptions ClientOptions(JournalOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = options.CommitTimeout;
        return clientOptions;
    }
}
