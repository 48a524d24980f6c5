using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// Turns failed <c>$batch</c> responses into the exceptions Azure.Data.Tables throws, so the journal's handling is the
/// same for both transports: a failed sub-response becomes <see cref="TableTransactionFailedException"/> with its
/// status, the OData error code and <see cref="TableTransactionFailedException.FailedTransactionActionIndex"/>
/// (taken, as the SDK does, from the number before the first ':' of the error message, e.g. "1:The specified entity
/// already exists."); a failed outer request becomes <see cref="RequestFailedException"/> with its status.
/// </summary>
public static class BatchFailures
{
    /// <summary>The key under which the SDK keeps the failed action's index in <see cref="Exception.Data"/> (read by TableTransactionFailedException's constructor).</summary>
    public const string FailedEntityKey = "FailedEntity";

    private const int MaxQuotedBody = 300;

    public static TableTransactionFailedException SubResponseFailed(int status, ReadOnlySpan<byte> body, int actionCount)
    {
        var (code, text) = ReadError(body);
        int? index = TryParseIndex(text, out var parsed) && parsed < actionCount ? parsed : null;
        var failure = new RequestFailedException(status, Describe(text, status, code), code, null);
        if (index is { } i) failure.Data[FailedEntityKey] = i.ToString(CultureInfo.InvariantCulture);
        return new TableTransactionFailedException(failure);
    }

    public static RequestFailedException RequestFailed(int status, ReadOnlySpan<byte> body)
    {
        var (code, text) = ReadError(body);
        return new RequestFailedException(status, Describe(text, status, code), code, null);
    }

    /// <summary>The number before the first ':' of an OData error message (the SDK's rule).</summary>
    public static bool TryParseIndex(string? message, out int index)
    {
        index = -1;
        var colon = message?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static string Describe(string text, int status, string? code) =>
        $"{text}\nStatus: {status}\nErrorCode: {code ?? "(none)"}";

    /// <summary>The OData JSON error's code and message; for any other body, no code and the start of the body.</summary>
    private static (string? Code, string Message) ReadError(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Trim("\r\n "u8));
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("odata.error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object
                    && m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return (code, message ?? "(no message)");
            }
        }
        catch (JsonException)
        {
            // Not the OData JSON error format: quote the body instead.
        }

        var quoted = Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxQuotedBody)]);
        return (null, quoted.Length == 0 ? "(empty response body)" : quoted);
    }
}
