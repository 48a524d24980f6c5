namespace Personalization.Journal;

/// <summary>
/// Rules of the journal's keys: the partition a user's events go to (<see cref="PartitionIndexOf"/>) and what a user
/// id and an append must look like.
/// </summary>
public static class JournalKeys
{
    /// <summary>The longest user id the journal stores (the API's ids are at most 128 characters).</summary>
    public const int MaxUserIdLength = 480;

    /// <summary>The user's journal partition number.</summary>
    public static int PartitionIndexOf(string userId, int partitions) => (int)(Personalization.Engine.StableHash.Of(userId) % (ulong)partitions);

    /// <summary>Rejects ids that cannot be part of a table key or a segment line (/ \ # ? and control characters) or are too long.</summary>
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
