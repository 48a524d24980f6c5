using System.Buffers.Text;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// Checks a <c>$batch</c> response without reading it line by line into strings: success is an outer 202 whose one
/// changeset holds a 2xx sub-response for every action. Otherwise it throws what Azure.Data.Tables throws (see
/// <see cref="BatchFailures"/>): the first failed sub-response (Azure returns just that one when a changeset fails)
/// as TableTransactionFailedException, any other outer status as RequestFailedException; a response it cannot
/// understand as <see cref="BatchResponseFormatException"/> — never as success.
/// </summary>
public static class BatchResponseScanner
{
    public static void Check(int status, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body, int actionCount)
    {
        if (status != 202)
        {
            if (status is >= 200 and < 300) throw new BatchResponseFormatException($"A batch was answered with status {status}, not 202.");
            throw BatchFailures.RequestFailed(status, body);
        }

        var boundary = MultipartSections.BoundaryOf(contentType)
            ?? throw new BatchResponseFormatException("A batch response (202) is not multipart/mixed with a boundary.");
        var succeeded = 0;
        Scan(body, boundary, actionCount, nested: false, ref succeeded);
        if (succeeded != actionCount)
        {
            throw new BatchResponseFormatException($"A batch of {actionCount} actions was answered with {succeeded} successful sub-responses.");
        }
    }

    private static void Scan(ReadOnlySpan<byte> body, string boundary, int actionCount, bool nested, ref int succeeded)
    {
        foreach (var range in MultipartSections.Parts(body, boundary))
        {
            var part = body[range];
            if (!MultipartSections.SplitHeaders(part, out var headers, out var content)
                || !MultipartSections.TryGetHeader(part[headers], "Content-Type"u8, out var type))
            {
                throw new BatchResponseFormatException("A batch response part has no Content-Type.");
            }

            if (!nested && MultipartSections.BoundaryOf(type) is { } changeset)
            {
                Scan(part[content], changeset, actionCount, nested: true, ref succeeded);
            }
            else if (MultipartSections.StartsWithIgnoreCase(type, "application/http"u8))
            {
                var code = ReadSubResponse(part[content], out var payload);
                if (code >= 400) throw BatchFailures.SubResponseFailed(code, payload, actionCount);
                if (code is < 200 or >= 300) throw new BatchResponseFormatException($"A batch sub-response has status {code}.");
                succeeded++;
            }
            else
            {
                throw new BatchResponseFormatException("A batch response part is neither a changeset nor an HTTP response.");
            }
        }
    }

    /// <summary>Status and body of an embedded HTTP response ("HTTP/1.1 204 No Content", headers, blank line, body).</summary>
    private static int ReadSubResponse(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> body)
    {
        var lineEnd = message.IndexOf((byte)'\n');
        var statusLine = lineEnd < 0 ? message : message[..lineEnd];
        var space = statusLine.IndexOf((byte)' ');
        if (!statusLine.StartsWith("HTTP/"u8) || space < 0 || statusLine.Length < space + 4
            || !Utf8Parser.TryParse(statusLine.Slice(space + 1, 3), out int status, out var consumed) || consumed != 3)
        {
            throw new BatchResponseFormatException("A batch sub-response does not start with an HTTP status line.");
        }

        var rest = lineEnd < 0 ? default : message[(lineEnd + 1)..];
        body = MultipartSections.SplitHeaders(rest, out _, out var content) ? rest[content] : default;
        return status;
    }
}
