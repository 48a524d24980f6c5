using System.Text;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// Span-level reading of MIME multipart bodies and header blocks (RFC 2046): parts between boundary delimiter lines,
/// a part's header block and content, a header's value, a Content-Type's boundary parameter. No strings are made
/// except a boundary; line breaks may be CRLF or bare LF.
/// </summary>
public static class MultipartSections
{
    /// <summary>The parts of a multipart body, as ranges of <paramref name="body"/>, up to the close delimiter.</summary>
    /// <exception cref="BatchResponseFormatException">No opening delimiter, or no close delimiter.</exception>
    public static List<Range> Parts(ReadOnlySpan<byte> body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<Range>();
        var at = NextDelimiter(body, delimiter, 0);
        if (at < 0) throw new BatchResponseFormatException($"The multipart body has no boundary '{boundary}'.");
        while (true)
        {
            var after = at + delimiter.Length;
            if (body[after..].StartsWith("--"u8)) return parts;
            var lineEnd = body[after..].IndexOf((byte)'\n');
            if (lineEnd < 0) throw new BatchResponseFormatException("A multipart boundary line does not end.");
            var start = after + lineEnd + 1;
            var next = NextDelimiter(body, delimiter, start);
            if (next < 0) throw new BatchResponseFormatException($"The multipart body has no closing boundary '{boundary}'.");
            var end = next;
            if (end > start && body[end - 1] == '\n') end--;
            if (end > start && body[end - 1] == '\r') end--;
            parts.Add(start..end);
            at = next;
        }
    }

    /// <summary>Splits a part (or an HTTP message after its start line) at the blank line ending its headers.</summary>
    /// <returns>False if there is no blank line.</returns>
    public static bool SplitHeaders(ReadOnlySpan<byte> part, out Range headers, out Range content)
    {
        headers = content = default;
        if (part.StartsWith("\r\n"u8)) (headers, content) = (0..0, 2..);
        else if (part.StartsWith("\n"u8)) (headers, content) = (0..0, 1..);
        else if (part.IndexOf("\r\n\r\n"u8) is var crlf and >= 0) (headers, content) = (0..crlf, (crlf + 4)..);
        else if (part.IndexOf("\n\n"u8) is var lf and >= 0) (headers, content) = (0..lf, (lf + 2)..);
        else return false;
        return true;
    }

    /// <summary>The trimmed value of the first header named <paramref name="name"/> (case-insensitive).</summary>
    public static bool TryGetHeader(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf((byte)'\n');
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? default : headers[(end + 1)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || !Ascii.EqualsIgnoreCase(line[..colon].Trim((byte)' '), name)) continue;
            value = line[(colon + 1)..].Trim(" \t\r"u8);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The <c>boundary</c> parameter of a <c>multipart/...</c> Content-Type, or null.</summary>
    public static string? BoundaryOf(ReadOnlySpan<byte> contentType)
    {
        if (!StartsWithIgnoreCase(contentType, "multipart/"u8)) return null;
        foreach (var range in contentType.Split((byte)';'))
        {
            var parameter = contentType[range].Trim(" \t"u8);
            if (!StartsWithIgnoreCase(parameter, "boundary="u8)) continue;
            var value = parameter["boundary=".Length..].Trim((byte)'"');
            return value.IsEmpty ? null : Encoding.ASCII.GetString(value);
        }

        return null;
    }

    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

    /// <summary>The next delimiter that starts a line and is followed by "--", white space or a line break.</summary>
    private static int NextDelimiter(ReadOnlySpan<byte> body, ReadOnlySpan<byte> delimiter, int from)
    {
        while (from <= body.Length - delimiter.Length)
        {
            var found = body[from..].IndexOf(delimiter);
            if (found < 0) return -1;
            var at = from + found;
            var after = at + delimiter.Length;
            var lineStart = at == 0 || body[at - 1] == '\n';
            var ends = after == body.Length || body[after] is (byte)'-' or (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t';
            if (lineStart && ends) return at;
            from = at + 1;
        }

        return -1;
    }
}
