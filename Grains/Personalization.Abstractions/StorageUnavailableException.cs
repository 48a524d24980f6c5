namespace Personalization.Abstractions;

/// <summary>
/// Thrown (and carried over the Orleans client) when durable storage could not confirm a write or serve a read in
/// time: transient, the request was not acknowledged and may be retried after <see cref="RetryAfter"/>. A retry of the
/// same events is safe (event ids and journal sequences make it idempotent). HTTP maps it to 503 with Retry-After.
/// </summary>
[GenerateSerializer, Alias("pzn.StorageUnavailableException.v1")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : this("Storage is unavailable.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the caller should wait before retrying.</summary>
    [Id(0)]
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Not an outage: another activation of the same grain had written first (a silo handing its grains over, as in a
    /// graceful shutdown), and this one stepped down without storing anything. <see cref="ClusterRetry"/> repeats the
    /// call like any other membership change; a caller that sees it may retry at once.
    /// </summary>
    [Id(1)]
    public bool ActivationMoved { get; init; }
}
