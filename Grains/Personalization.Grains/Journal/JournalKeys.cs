using System.Globalization;

namespace Personalization.Grains.Journal;

/// <summary>
/// The journal's table layout. PartitionKey = <c>p{StableHash(userId) % Partitions:D3}</c> (many users per partition,
/// so that their appends share entity-group transactions); RowKey = <c>{userId}_{sequence:D19}</c>, so a user's tail
/// is one range query, in order. Rows also carry the user id (which disambiguates ids that are prefixes of each
/// other, e.g. "a" and "a_1"), the sequence, the last sequence of the append that wrote them and the event JSON.
/// </summary>
public static class JournalKeys
{
    public const string UserIdColumn = "UserId";
    public const string SequenceColumn = "Sequence";
    public const string AppendEndColumn = "AppendEnd";
    public const string EventColumn = "Event";

    /// <summary>Row keys are limited to 1 KiB; this leaves room for the separator and the sequence.</summary>
    public const int MaxUserIdLength = 480;

    public static string PartitionOf(string userId, int partitions) =>
        "p" + PartitionIndexOf(userId, partitions).ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The user's journal partition number (both layouts hash users the same way).</summary>
    public static int PartitionIndexOf(string userId, int partitions) => (int)(Personalization.Engine.StableHash.Of(userId) % (ulong)partitions);

    public static string RowKeyOf(string userId, long sequence) =>
        userId + "_" + sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Rejects ids that cannot be part of a table key (/ \ # ? and control characters) or are too long.</summary>
    public static void ValidateUserId(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (userId.Length > MaxUserIdLength) throw new ArgumentException($"A journal user id has at most {MaxUserIdLength} characters.", nameof(userId));
        foreach (var c in userId)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException("A journal user id may not contain / \\ # ? or control characters.", nameof(userId));
            }
        }
    }

    /// <summary>Checks an append: at least one entry, sequences positive, consecutive and ascending.</summary>
    public static void ValidateAppend(string userId, IReadOnlyList<JournalEntry> entries)
    {
        ValidateUserId(userId);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) throw new ArgumentException("An append needs at least one entry.", nameof(entries));
        if (entries[0].Sequence < 1) throw new ArgumentException("Journal sequences start at 1.", nameof(entries));
        for (var i = 0; i < entries.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(entries[i]?.Event, nameof(entries));
            if (i > 0 && entries[i].Sequence != entries[i - 1].Sequence + 1)
            {
                throw new ArgumentException("An append's sequences must be consecutive and ascending.", nameof(entries));
            }
        }
    }
}
