using System.Net.Http.Headers;
using Azure;
using Azure.Data.Tables;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// Sends the journal's append transactions without the Azure SDK: the body from <see cref="BatchRequestWriter"/>
/// (pooled buffer), SharedKeyLite authentication (<see cref="SharedKeyLiteSigner"/>), one shared
/// <see cref="HttpClient"/>, the response checked by <see cref="BatchResponseScanner"/>. Failures surface as the SDK
/// surfaces them (see <see cref="BatchFailures"/>; network errors as HttpRequestException or IOException, an attempt
/// without an answer as TimeoutException), so <see cref="StorageErrors"/> and the journal's conflict handling apply
/// unchanged. Retries follow the SDK options the journal sets (<see cref="JournalOptions.MaxRetries"/>; exponential
/// back-off from 100 ms, at most 1 s, ±20% jitter; each attempt bounded by <see cref="JournalOptions.CommitTimeout"/>)
/// for network errors, timeouts and 408, 429, 500, 502, 503, 504; never for a failed sub-response.
/// </summary>
public sealed class DirectBatchTransport : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly Uri _batchUri;
    private readonly BatchRequestWriter _writer;
    private readonly SharedKeyLiteSigner _signer;
    private readonly JournalOptions _options;

    /// <param name="serviceUri">The table service endpoint, e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c> or <c>https://account.table.core.windows.net/</c>.</param>
    public DirectBatchTransport(Uri serviceUri, string tableName, string accountName, byte[] accountKey, JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(options);
        var root = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _batchUri = new Uri(root + "/$batch");
        _writer = new BatchRequestWriter(new Uri(root + "/" + tableName));
        _signer = new SharedKeyLiteSigner(accountName, accountKey, _batchUri);
        _options = options;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Each partition writer stores one segment at a time, so a silo never has more inserts in flight than this;
            // HTTP/1.1 carries one request per connection.
            MaxConnectionsPerServer = options.Partitions,
            // Below Node's 5 s keep-alive (Azurite closes idle connections then), so an idle connection is not reused just as it closes.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5), // follow DNS changes of a real endpoint
            ConnectTimeout = options.CommitTimeout,
            UseCookies = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt is bounded below; the caller's token bounds the whole
        };
    }

    /// <summary>
    /// The transport for <paramref name="table"/> when <paramref name="options"/> resolve to the Direct transport
    /// (<see cref="JournalOptions.ResolvedTransport"/>); null for the SDK transport.
    /// </summary>
    public static DirectBatchTransport? For(TableServiceClient service, TableClient table, JournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ResolvedTransport != JournalOptions.DirectTransport) return null;
        if (!AccountKeyReader.TryRead(options.ConnectionString, out var key))
        {
            throw new InvalidOperationException("The Direct journal transport needs a connection string with an AccountKey (or UseDevelopmentStorage=true).");
        }

        return new DirectBatchTransport(service.Uri, table.Name, service.AccountName, key, options);
    }

    /// <summary>Commits one transaction of inserts (all one partition), or throws.</summary>
    public async Task SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        using var body = new PooledBufferWriter(1024 + actions.Count * 768);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        _writer.Write(actions, batchBoundary, "changeset_" + Guid.NewGuid().ToString("D"), body);
        var contentType = "multipart/mixed; boundary=" + batchBoundary;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SendOnceAsync(body, contentType, actions.Count, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested && IsRetriable(ex))
            {
                await Task.Delay(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Whether a failed attempt may be repeated (what the SDK's retry policy repeats).</summary>
    public static bool IsRetriable(Exception exception) => exception switch
    {
        TableTransactionFailedException => false, // a sub-response failed: the service answered, repeating would not help
        RequestFailedException r => r.Status is 408 or 429 or 500 or 502 or 503 or 504,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    private static TimeSpan RetryDelay(int attempt)
    {
        var exponential = FirstRetryDelay * Math.Pow(2, attempt) * (0.8 + Random.Shared.NextDouble() * 0.4);
        return exponential < MaxRetryDelay ? exponential : MaxRetryDelay;
    }

    private static void Check(HttpResponseMessage response, PooledBufferWriter received, int actionCount)
    {
        var type = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : "";
        Span<byte> typeBytes = stackalloc byte[Math.Min(type.Length, 512)];
        var length = System.Text.Encoding.ASCII.GetBytes(type.AsSpan(0, typeBytes.Length), typeBytes);
        BatchResponseScanner.Check((int)response.StatusCode, typeBytes[..length], received.WrittenSpan, actionCount);
    }

    private async Task SendOnceAsync(PooledBufferWriter body, string contentType, int actionCount, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.CommitTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _batchUri) { Content = new ByteArrayContent(body.Array, 0, body.WrittenCount) };
        var (date, authorization) = _signer.Sign(DateTimeOffset.UtcNow);
        HttpRequestHeaders headers = request.Headers;
        headers.TryAddWithoutValidation("x-ms-date", date);
        headers.TryAddWithoutValidation("x-ms-version", BatchRequestWriter.ServiceVersion);
        headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        headers.TryAddWithoutValidation("Accept", "application/json");
        headers.TryAddWithoutValidation("Authorization", authorization);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            using var received = new PooledBufferWriter(512 + actionCount * 512);
            var stream = await response.Content.ReadAsStreamAsync(attempt.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await received.ReadFromAsync(stream, attempt.Token).ConfigureAwait(false);
            }

            Check(response, received, actionCount);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Table storage did not answer a batch within {_options.CommitTimeout.TotalSeconds:0.###} s.", ex);
        }
    }
}
