using System.Globalization;
using System.Text;

namespace Personalization.Journal.Segments;

/// <summary>
/// How a segment's entries are stored: in parts (one entity each, all written in one transaction) of at most
/// <see cref="MaxPartChars"/> characters, so that each part fits one string property (64 KiB of UTF-16). A part is a
/// header line <c>seg1</c>, then one line per entry: <c>{sequence}\t{userId}\t{event JSON}</c>. User ids never hold
/// tabs or control characters (<see cref="JournalKeys.ValidateUserId"/>) and the event JSON escapes them, so a line
/// splits unambiguously. Versioned by the header: a reader refuses a header it does not know.
/// </summary>
public static class SegmentFormat
{
    public const string Header = "seg1";

    /// <summary>Characters per part (a string property holds 64 KiB = 32,768 UTF-16 characters).</summary>
    public const int MaxPartChars = 30_000;

    /// <summary>
    /// Parts per segment: one segment is one entity-group transaction (≤ 100 entities, ≤ 4 MiB), and 40 parts of 30,000
    /// characters stay under 4 MiB even if every character took 3 bytes of UTF-8.
    /// </summary>
    public const int MaxParts = 40;

    /// <summary>An upper bound of the characters one entry takes in a part (its line: up to 19 digits, two tabs, a newline).</summary>
    public static int EncodedLength(string userId, string eventText) => 22 + userId.Length + eventText.Length;

    /// <summary>Packs entries into parts in order. Throws if one entry alone is longer than a part.</summary>
    public static IReadOnlyList<string> Encode(IReadOnlyList<SegmentEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var parts = new List<string>();
        var text = new StringBuilder(Math.Min(MaxPartChars, 64 + entries.Sum(e => e.EncodedLength)));
        text.Append(Header).Append('\n');
        Span<char> digits = stackalloc char[20];
        foreach (var entry in entries)
        {
            entry.Sequence.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
            var line = length + 1 + entry.UserId.Length + 1 + entry.Event.Length + 1;
            if (line > MaxPartChars - Header.Length - 1) throw new ArgumentException($"A journal entry of {line} characters does not fit a segment part.", nameof(entries));
            if (text.Length + line > MaxPartChars)
            {
                parts.Add(text.ToString());
                text.Clear().Append(Header).Append('\n');
            }

            text.Append(digits[..length]).Append('\t').Append(entry.UserId).Append('\t').Append(entry.Event).Append('\n');
        }

        parts.Add(text.ToString());
        return parts;
    }

    /// <exception cref="InvalidDataException">The part is not in a format this build reads.</exception>
    public static IEnumerable<SegmentEntry> Decode(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var lines = part.Split('\n');
        if (lines[0] != Header) throw new InvalidDataException($"A journal segment part starts with '{Truncate(lines[0])}', not '{Header}'.");
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0) continue;
            var first = line.IndexOf('\t');
            var second = first < 0 ? -1 : line.IndexOf('\t', first + 1);
            if (second < 0 || !long.TryParse(line.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw new InvalidDataException($"A journal segment line is malformed: '{Truncate(line)}'.");
            }

            yield return new SegmentEntry(line[(first + 1)..second], sequence, line[(second + 1)..]);
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
