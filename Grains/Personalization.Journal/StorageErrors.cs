using System.Net.Http;
using System.Net.Sockets;
using Azure;
using Personalization.Abstractions;

namespace Personalization.Journal;

/// <summary>Tells transient storage failures (network, timeouts, throttling, 5xx) from the rest and wraps them.</summary>
public static class StorageErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        StorageUnavailableException => true,
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500 || (r.InnerException is { } inner && IsTransient(inner)),
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTransient),
        HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    /// <summary>A transient failure as <see cref="StorageUnavailableException"/>; anything else unchanged.</summary>
    /// <remarks>Returns a new instance for every call, so each caller gets its own exception object.</remarks>
    public static Exception Translate(Exception exception, string operation, TimeSpan retryAfter) => exception switch
    {
        StorageUnavailableException u => new StorageUnavailableException(u.Message, u.RetryAfter, u),
        _ when IsTransient(exception) =>
            new StorageUnavailableException($"Journal storage unavailable ({operation}): {FirstLine(exception.Message)}", retryAfter, exception),
        _ => exception,
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
